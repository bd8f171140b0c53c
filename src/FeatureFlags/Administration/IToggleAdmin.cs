
namespace FeatureFlags;

/// <summary>
/// Changes toggle state. The one write path for code, HTTP and command line: it checks names and types, enforces the
/// roles a toggle declares (least privilege), writes with optimistic concurrency and records the actor and reason in the audit.
/// </summary>
/// <remarks>
/// Methods take full names so that tools can manage toggles whose code is not loaded; when the toggle is declared in
/// this process, its type and editor roles are enforced. Typed overloads are in <see cref="ToggleAdminExtensions"/>.
/// </remarks>
public interface IToggleAdmin
{
    /// <summary>
    /// Turns a switch on or off.
    /// </summary>
    /// <param name="toggle">The switch's full name.</param>
    /// <param name="enabled">The new value.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why, for the audit.</param>
    /// <param name="expectedVersion">The version of the key the caller read (0: it read no stored state); the write fails with <see cref="ToggleConflictException"/> when the stored version differs. <see langword="null"/> writes over whatever is stored.</param>
    /// <param name="schedule">When the written state applies (UTC instants); <see langword="null"/> for always.
    /// Outside its window the state is as if it were not stored.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>The stored record.</returns>
    /// <exception cref="ArgumentException">The name is invalid or names a toggle that is not a switch.</exception>
    /// <exception cref="ToggleAccessDeniedException">The actor lacks the toggle's editor role.</exception>
    /// <exception cref="ToggleConflictException">The toggle changed concurrently; nothing was written.</exception>
    /// <exception cref="ToggleException">The write breaks a rule every surface shares (see the README's "One write pipeline"); <see cref="ToggleException.Code"/> says which kind: InvalidRequest, Refused or AccessDenied.</exception>
    ValueTask<ToggleRecord> SetSwitchAsync(string toggle, bool enabled, ToggleActor actor, string? reason = null, long? expectedVersion = null, ToggleSchedule? schedule = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a flag's rules.
    /// </summary>
    /// <param name="toggle">The flag's full name.</param>
    /// <param name="rules">The new rules.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why, for the audit.</param>
    /// <param name="expectedVersion">The version of the key the caller read (0: it read no stored state); the write fails with <see cref="ToggleConflictException"/> when the stored version differs. <see langword="null"/> writes over whatever is stored.</param>
    /// <param name="schedule">When the written state applies (UTC instants); <see langword="null"/> for always.
    /// Outside its window the state is as if it were not stored.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>The stored record.</returns>
    /// <exception cref="ArgumentException">The name or the rules are invalid, or the name is not a flag.</exception>
    /// <exception cref="ToggleAccessDeniedException">The actor lacks the toggle's editor role.</exception>
    /// <exception cref="ToggleConflictException">The toggle changed concurrently; nothing was written.</exception>
    /// <exception cref="ToggleException">The write breaks a rule every surface shares (see the README's "One write pipeline"); <see cref="ToggleException.Code"/> says which kind: InvalidRequest, Refused or AccessDenied.</exception>
    ValueTask<ToggleRecord> SetFlagAsync(string toggle, FlagRules rules, ToggleActor actor, string? reason = null, long? expectedVersion = null, ToggleSchedule? schedule = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes a flag's rules from their stored value (or empty rules), for example to add one user.
    /// The write fails with <see cref="ToggleConflictException"/> if someone else changed the rules in between.
    /// </summary>
    /// <param name="toggle">The flag's full name.</param>
    /// <param name="update">Returns the new rules from the current ones.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why, for the audit.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>The stored record.</returns>
    /// <exception cref="ArgumentException">The name or the new rules are invalid, or the name is not a flag.</exception>
    /// <exception cref="ToggleAccessDeniedException">The actor lacks the toggle's editor role.</exception>
    /// <exception cref="ToggleConflictException">The toggle changed concurrently; nothing was written.</exception>
    /// <exception cref="ToggleException">The write breaks a rule every surface shares (see the README's "One write pipeline"); <see cref="ToggleException.Code"/> says which kind: InvalidRequest, Refused or AccessDenied.</exception>
    ValueTask<ToggleRecord> UpdateFlagAsync(string toggle, Func<FlagRules, FlagRules> update, ToggleActor actor, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes a flag's rules from their stored value (or empty rules) and its schedule from the stored one, as a write
    /// based on the version the caller read.
    /// </summary>
    /// <param name="toggle">The flag's full name.</param>
    /// <param name="update">Returns the new rules from the current ones.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why, for the audit.</param>
    /// <param name="expectedVersion">The version the caller read (0 for "nothing stored"), or <see langword="null"/> to apply the update to whatever is stored now.</param>
    /// <param name="schedule">Returns the new schedule from the stored one (return its argument to keep it, <see langword="null"/> to remove it).</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>The stored record.</returns>
    /// <exception cref="ArgumentException">The name or the new rules are invalid, or the name is not a flag.</exception>
    /// <exception cref="ToggleAccessDeniedException">The actor lacks the toggle's editor role.</exception>
    /// <exception cref="ToggleConflictException">The stored version is not <paramref name="expectedVersion"/>, or the toggle changed concurrently; nothing was written.</exception>
    /// <exception cref="ToggleException">The write breaks a rule every surface shares (see the README's "One write pipeline"); <see cref="ToggleException.Code"/> says which kind: InvalidRequest, Refused or AccessDenied.</exception>
    ValueTask<ToggleRecord> UpdateFlagAsync(string toggle, Func<FlagRules, FlagRules> update, ToggleActor actor, string? reason, long? expectedVersion, Func<ToggleSchedule?, ToggleSchedule?> schedule, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets or clears an override of a toggle for a site, a course or an organisation.
    /// </summary>
    /// <param name="toggle">The toggle's full name.</param>
    /// <param name="level">Where the override applies.</param>
    /// <param name="subject">The site, course key or organisation.</param>
    /// <param name="enabled">The forced value, or <see langword="null"/> to clear the override.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why, for the audit.</param>
    /// <param name="expectedVersion">The version of the key the caller read (0: it read no stored state); the write fails with <see cref="ToggleConflictException"/> when the stored version differs. <see langword="null"/> writes over whatever is stored.</param>
    /// <param name="schedule">When the written state applies (UTC instants); <see langword="null"/> for always.
    /// Outside its window the state is as if it were not stored.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>The stored record, or <see langword="null"/> when the override was cleared or did not exist.</returns>
    /// <exception cref="ArgumentException">The name or subject is invalid, or the toggle's type has no such override.</exception>
    /// <exception cref="ToggleAccessDeniedException">The actor lacks the toggle's editor role.</exception>
    /// <exception cref="ToggleConflictException">The override changed concurrently; nothing was written.</exception>
    /// <exception cref="ToggleException">The write breaks a rule every surface shares (see the README's "One write pipeline"); <see cref="ToggleException.Code"/> says which kind: InvalidRequest, Refused or AccessDenied.</exception>
    ValueTask<ToggleRecord?> SetOverrideAsync(string toggle, OverrideLevel level, string subject, bool? enabled, ToggleActor actor, string? reason = null, long? expectedVersion = null, ToggleSchedule? schedule = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes everything stored for a toggle: its rules and all its overrides. Evaluation falls back to the code default.
    /// </summary>
    /// <param name="toggle">The toggle's full name.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why, for the audit.</param>
    /// <param name="expectedVersion">The version of the key the caller read (0: it read no stored state); the write fails with <see cref="ToggleConflictException"/> when the stored version differs. <see langword="null"/> writes over whatever is stored.</param>
    /// <param name="cancellationToken">A token to cancel the writes.</param>
    /// <returns>The number of keys deleted.</returns>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    /// <exception cref="ToggleAccessDeniedException">The actor lacks the toggle's editor role.</exception>
    /// <exception cref="ToggleConflictException">The toggle changed concurrently; nothing was deleted.</exception>
    /// <exception cref="ToggleException">The write breaks a rule every surface shares (see the README's "One write pipeline"); <see cref="ToggleException.Code"/> says which kind: InvalidRequest, Refused or AccessDenied.</exception>
    ValueTask<int> DeleteAsync(string toggle, ToggleActor actor, string? reason = null, long? expectedVersion = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the audit of a toggle and its overrides, oldest first.
    /// </summary>
    /// <param name="toggle">The toggle's full name.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The audit rows.</returns>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    ValueTask<IReadOnlyList<ToggleAuditEntry>> GetHistoryAsync(string toggle, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads one page of the audit of a toggle and its overrides, newest first.
    /// </summary>
    /// <param name="toggle">The toggle's full name.</param>
    /// <param name="beforeVersion">Only changes older than this version (the <see cref="ToggleHistoryPage.NextBeforeVersion"/> of the previous page); <see langword="null"/> for the newest.</param>
    /// <param name="limit">The most rows to return, from 1 to <see cref="ToggleHistoryPage.MaxLimit"/>.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is out of range.</exception>
    ValueTask<ToggleHistoryPage> GetHistoryPageAsync(string toggle, long? beforeVersion = null, int limit = ToggleHistoryPage.DefaultLimit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks and applies several key writes as one all-or-nothing change, such as an import or a bulk override.
    /// Every write gets the checks of the single-key methods: key layout, names and subjects, the value's kind against
    /// the declared toggle (setting toggles refused), the store's limits and the actor's editor roles.
    /// </summary>
    /// <param name="writes">The writes, each naming the version it expects.</param>
    /// <param name="actor">Who makes the change; the audit row of every key names it.</param>
    /// <param name="reason">Why, for the audit.</param>
    /// <param name="dryRun">Only check; write nothing. A dry run reports exactly the problems a real run would.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>
    /// The problems found and whether the writes were applied: they are applied only when no problem is an error and
    /// <paramref name="dryRun"/> is false. Warnings (such as a toggle not declared here) do not stop the batch.
    /// </returns>
    /// <exception cref="ToggleConflictException">A key changed since it was read; nothing was written.</exception>
    /// <exception cref="ToggleException">The write breaks a rule every surface shares (see the README's "One write pipeline"); <see cref="ToggleException.Code"/> says which kind: InvalidRequest, Refused or AccessDenied.</exception>
    ValueTask<ToggleBatchResult> ApplyAsync(IReadOnlyList<ToggleStoreWrite> writes, ToggleActor actor, string? reason = null, bool dryRun = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Switches a release group on or off for all its members, or unsets it so that each member follows its own rules.
    /// Versioned and audited like a toggle.
    /// </summary>
    /// <param name="group">The group's full name.</param>
    /// <param name="enabled"><see langword="true"/> or <see langword="false"/> to answer for every member;
    /// <see langword="null"/> to unset the group.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why, for the audit log.</param>
    /// <param name="expectedVersion">The version the caller last read (0 for none), or <see langword="null"/> to skip the check.</param>
    /// <param name="schedule">When the written state applies (UTC instants); <see langword="null"/> for always.
    /// Outside its window the state is as if it were not stored.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The stored record, or <see langword="null"/> when the group is unset.</returns>
    /// <exception cref="ArgumentException">The name is invalid or names a toggle that is not a group.</exception>
    /// <exception cref="ToggleAccessDeniedException">The actor lacks the group's editor roles.</exception>
    /// <exception cref="ToggleConflictException">The group changed since <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="ToggleException">The write breaks a rule every surface shares (see the README's "One write pipeline"); <see cref="ToggleException.Code"/> says which kind: InvalidRequest, Refused or AccessDenied.</exception>
    ValueTask<ToggleRecord?> SetGroupAsync(string group, bool? enabled, ToggleActor actor, string? reason = null, long? expectedVersion = null, ToggleSchedule? schedule = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the prerequisites of a switch's or flag's stored state: while a prerequisite's answer is not the required
    /// one, the toggle is off with <see cref="ToggleReason.PrerequisiteFailed"/>. The rest of the state is kept; a toggle
    /// with no stored state stores its code default with them. An empty list removes them.
    /// </summary>
    /// <param name="toggle">The toggle's full name; it must be declared.</param>
    /// <param name="prerequisites">The toggles required, each declared, at most <see cref="TogglePrerequisite.MaxCount"/>.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why, for the audit log.</param>
    /// <param name="expectedVersion">The version the caller last read (0 for none), or <see langword="null"/> to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The stored record.</returns>
    /// <exception cref="ArgumentException">A name is invalid or undeclared, listed twice, or the toggle itself.</exception>
    /// <exception cref="ToggleException">The prerequisites would form a cycle (<see cref="ToggleErrorCode.Refused"/>,
    /// with the cycle spelled out).</exception>
    /// <exception cref="ToggleAccessDeniedException">The actor lacks the toggle's editor roles.</exception>
    /// <exception cref="ToggleConflictException">The toggle changed since <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="ToggleException">The write breaks a rule every surface shares (see the README's "One write pipeline"); <see cref="ToggleException.Code"/> says which kind: InvalidRequest, Refused or AccessDenied.</exception>
    ValueTask<ToggleRecord> SetPrerequisitesAsync(string toggle, IReadOnlyList<TogglePrerequisite> prerequisites, ToggleActor actor, string? reason = null, long? expectedVersion = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Restores the state a toggle (or group) had after an audited version, as a new versioned and audited write. A
    /// version whose change deleted the state deletes it again. Overrides are not touched.
    /// </summary>
    /// <param name="toggle">The toggle's or group's full name.</param>
    /// <param name="toVersion">The audited version whose resulting state to restore (see <see cref="GetHistoryAsync"/>).</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why, for the audit log; "Revert to version N" when omitted.</param>
    /// <param name="expectedVersion">The version the caller last read (0 for none), or <see langword="null"/> to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The stored record, or <see langword="null"/> when the restored state is "nothing stored".</returns>
    /// <exception cref="KeyNotFoundException">The toggle has no audited change with that version.</exception>
    /// <exception cref="ToggleException">The toggle changed kind since (<see cref="ToggleErrorCode.Refused"/>), or the
    /// restored state would break prerequisites.</exception>
    /// <exception cref="ToggleAccessDeniedException">The actor lacks the toggle's editor roles.</exception>
    /// <exception cref="ToggleConflictException">The toggle changed since <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="ToggleException">The write breaks a rule every surface shares (see the README's "One write pipeline"); <see cref="ToggleException.Code"/> says which kind: InvalidRequest, Refused or AccessDenied.</exception>
    ValueTask<ToggleRecord?> RevertAsync(string toggle, long toVersion, ToggleActor actor, string? reason = null, long? expectedVersion = null, CancellationToken cancellationToken = default);
}
