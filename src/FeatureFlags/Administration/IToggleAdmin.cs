using FeatureFlags.Storage;

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
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>The stored record.</returns>
    /// <exception cref="ArgumentException">The name is invalid or names a toggle that is not a switch.</exception>
    /// <exception cref="ToggleAccessDeniedException">The actor lacks the toggle's editor role.</exception>
    /// <exception cref="ToggleConflictException">The toggle changed concurrently; nothing was written.</exception>
    ValueTask<ToggleRecord> SetSwitchAsync(string toggle, bool enabled, ToggleActor actor, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a flag's rules.
    /// </summary>
    /// <param name="toggle">The flag's full name.</param>
    /// <param name="rules">The new rules.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why, for the audit.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>The stored record.</returns>
    /// <exception cref="ArgumentException">The name or the rules are invalid, or the name is not a flag.</exception>
    /// <exception cref="ToggleAccessDeniedException">The actor lacks the toggle's editor role.</exception>
    /// <exception cref="ToggleConflictException">The toggle changed concurrently; nothing was written.</exception>
    ValueTask<ToggleRecord> SetFlagAsync(string toggle, FlagRules rules, ToggleActor actor, string? reason = null, CancellationToken cancellationToken = default);

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
    ValueTask<ToggleRecord> UpdateFlagAsync(string toggle, Func<FlagRules, FlagRules> update, ToggleActor actor, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets or clears an override of a toggle for a site, a course or an organisation.
    /// </summary>
    /// <param name="toggle">The toggle's full name.</param>
    /// <param name="level">Where the override applies.</param>
    /// <param name="subject">The site, course key or organisation.</param>
    /// <param name="enabled">The forced value, or <see langword="null"/> to clear the override.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why, for the audit.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>The stored record, or <see langword="null"/> when the override was cleared or did not exist.</returns>
    /// <exception cref="ArgumentException">The name or subject is invalid, or the toggle's type has no such override.</exception>
    /// <exception cref="ToggleAccessDeniedException">The actor lacks the toggle's editor role.</exception>
    /// <exception cref="ToggleConflictException">The override changed concurrently; nothing was written.</exception>
    ValueTask<ToggleRecord?> SetOverrideAsync(string toggle, OverrideLevel level, string subject, bool? enabled, ToggleActor actor, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes everything stored for a toggle: its rules and all its overrides. Evaluation falls back to the code default.
    /// </summary>
    /// <param name="toggle">The toggle's full name.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why, for the audit.</param>
    /// <param name="cancellationToken">A token to cancel the writes.</param>
    /// <returns>The number of keys deleted.</returns>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    /// <exception cref="ToggleAccessDeniedException">The actor lacks the toggle's editor role.</exception>
    ValueTask<int> DeleteAsync(string toggle, ToggleActor actor, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the audit of a toggle and its overrides, oldest first.
    /// </summary>
    /// <param name="toggle">The toggle's full name.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The audit rows.</returns>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    ValueTask<IReadOnlyList<ToggleAuditEntry>> GetHistoryAsync(string toggle, CancellationToken cancellationToken = default);
}
