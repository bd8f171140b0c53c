using System.Globalization;
using FeatureFlags.Storage;

namespace FeatureFlags;

// Release groups, prerequisites and revert: written through the same checks, versions and audit as every other change.
internal sealed partial class ToggleAdmin
{
    public async ValueTask<ToggleRecord?> SetGroupAsync(string group, bool? enabled, ToggleActor actor, string? reason = null, long? expectedVersion = null, ToggleSchedule? schedule = null, CancellationToken cancellationToken = default)
    {
        Authorize(group, actor, reason, declared => declared is ToggleGroup ? null : "it is not a release group");
        AuthorizeLinks(group, [], actor);
        var current = await store.GetAsync(group, cancellationToken).ConfigureAwait(false);
        EnsureStoredKind(group, StoredValueCodec.TryDecodeRules(current?.Value), StoredValueCodec.GroupKind);
        if (enabled is null && schedule is not null)
        {
            throw new ArgumentException("Unsetting a group takes no schedule: schedule 'on' or 'off' instead.", nameof(schedule));
        }

        if (enabled is { } on)
        {
            return await WriteAsync(group, StoredValueCodec.EncodeGroup(on, schedule), current, expectedVersion, actor, reason, cancellationToken).ConfigureAwait(false);
        }

        await DeleteOneAsync(group, current, expectedVersion, actor, reason, cancellationToken).ConfigureAwait(false);
        return null;
    }

    public async ValueTask<ToggleRecord> SetPrerequisitesAsync(string toggle, IReadOnlyList<TogglePrerequisite> prerequisites, ToggleActor actor, string? reason = null, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prerequisites);
        Authorize(toggle, actor, reason, declared => declared is Switch or Flag ? null : "only switches and flags can have prerequisites");
        if (!registry.TryGet(toggle, out var declared))
        {
            throw new ArgumentException($"'{toggle}' is not declared in this application: its type, and so the form of its state, is unknown.", nameof(toggle));
        }

        PrerequisiteRules.Validate(toggle, prerequisites);
        foreach (var prerequisite in prerequisites)
        {
            if (!registry.TryGet(prerequisite.Toggle, out _))
            {
                var hint = NameSuggestions.Nearest(prerequisite.Toggle, registry.Toggles.Select(t => t.FullName)) is { } near ? $" Did you mean '{near}'?" : string.Empty;
                throw new ArgumentException($"Prerequisite '{prerequisite.Toggle}' is not declared in this application.{hint}", nameof(prerequisites));
            }
        }

        AuthorizeLinks(toggle, prerequisites, actor);
        var current = await store.GetAsync(toggle, cancellationToken).ConfigureAwait(false);
        var stored = StoredValueCodec.TryDecodeRules(current?.Value);
        EnsureStoredKind(toggle, stored, declared is Switch ? StoredValueCodec.SwitchKind : StoredValueCodec.FlagKind);

        // A toggle with no stored state stores its code default along with the prerequisites: same answers as before.
        var value = stored is not null
            ? StoredValueCodec.Encode(stored with { Requires = prerequisites })
            : declared is Switch
                ? StoredValueCodec.EncodeSwitch(declared.DefaultValue, prerequisites)
                : StoredValueCodec.EncodeFlag(new FlagRules { Everyone = declared.DefaultValue ? true : null }, prerequisites);

        await CheckPrerequisitesAsync([new ToggleStoreWrite(toggle, value, current?.Version ?? 0)], cancellationToken).ConfigureAwait(false);
        return await WriteAsync(toggle, value, current, expectedVersion, actor, reason, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ToggleRecord?> RevertAsync(string toggle, long toVersion, ToggleActor actor, string? reason = null, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ToggleNames.ValidateFullName(toggle, nameof(toggle));
        ArgumentOutOfRangeException.ThrowIfLessThan(toVersion, 1);
        ArgumentNullException.ThrowIfNull(actor);
        reason ??= string.Create(CultureInfo.InvariantCulture, $"Revert to version {toVersion}");
        _rules.ValidateActorAndReason(actor, reason);

        var history = await store.GetHistoryAsync(toggle, cancellationToken).ConfigureAwait(false);
        var target = history
            .Where(e => string.Equals(e.Key, toggle, StringComparison.Ordinal) && e.Version == toVersion)
            .OrderByDescending(e => e.At)
            .FirstOrDefault()
            ?? throw new KeyNotFoundException(string.Create(CultureInfo.InvariantCulture, $"'{toggle}' has no audited version {toVersion}; 'history' lists its versions."));

        var current = await store.GetAsync(toggle, cancellationToken).ConfigureAwait(false);
        CheckExpected(toggle, current, expectedVersion);
        if (target.After is { } after)
        {
            EnsureSameKind(toggle, after, StoredValueCodec.TryDecodeRules(current?.Value));
        }

        // The write is checked exactly as an imported one would be: declared type, editor roles, prerequisites.
        var write = new ToggleStoreWrite(toggle, target.After, current?.Version ?? 0);
        var problems = _rules.Check([write], actor);
        if (problems.FirstOrDefault(p => p.Severity == ToggleLintSeverity.Error) is { } problem)
        {
            if (problem.Code == ToggleErrorCode.AccessDenied && registry.TryGet(toggle, out var declared))
            {
                Log.AccessDenied(logger, actor.Name, toggle, string.Join(", ", declared.Metadata.EditorRoles));
                throw new ToggleAccessDeniedException(toggle, actor.Name, declared.Metadata.EditorRoles);
            }

            if (problem.Code == ToggleErrorCode.AccessDenied)
            {
                throw new ToggleAccessDeniedException(toggle, actor.Name, [], $"Cannot revert '{toggle}' to version {toVersion}: {problem.Message}");
            }

            throw new ToggleException(problem.Code ?? ToggleErrorCode.InvalidRequest, $"Cannot revert '{toggle}' to version {toVersion}: {problem.Message}", toggle);
        }

        await CheckPrerequisitesAsync([write], cancellationToken).ConfigureAwait(false);
        if (target.After is { } value)
        {
            return await WriteAsync(toggle, value, current, null, actor, reason, cancellationToken).ConfigureAwait(false);
        }

        await DeleteOneAsync(toggle, current, null, actor, reason, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Refuses writes that would leave prerequisites in a cycle, or delete the state of a toggle others still require.
    /// Reads the store only when a write involves prerequisites or deletes a toggle's own state.
    /// </summary>
    private async ValueTask CheckPrerequisitesAsync(IReadOnlyList<ToggleStoreWrite> writes, CancellationToken cancellationToken)
    {
        var own = writes.Where(w => ToggleKeys.TryParse(w.Key, out _, out var level, out _) && level is null).ToList();
        if (!own.Any(w => w.Value is null || StoredValueCodec.MayHavePrerequisites(w.Value)))
        {
            return;
        }

        var graph = await PrerequisiteGraph.LoadAsync(store, cancellationToken).ConfigureAwait(false);
        foreach (var write in own)
        {
            graph.Set(write.Key, write.Value);
        }

        foreach (var write in own)
        {
            if (write.Value is null)
            {
                if (graph.DependantsOf(write.Key) is { Count: > 0 } dependants)
                {
                    throw new ToggleException(
                        ToggleErrorCode.Refused,
                        $"'{write.Key}' is required by {string.Join(", ", dependants.Select(d => $"'{d}'"))}: remove it from their prerequisites first.",
                        write.Key);
                }
            }
        }

        var written = own.Where(w => w.Value is not null).Select(w => w.Key).ToList();
        if (written.Count > 0 && graph.FindProblem(written) is { } problem)
        {
            throw new ToggleException(ToggleErrorCode.Refused, problem, written[0]);
        }
    }

    private async ValueTask DeleteOneAsync(string key, ToggleRecord? current, long? expectedVersion, ToggleActor actor, string? reason, CancellationToken cancellationToken)
    {
        CheckExpected(key, current, expectedVersion);
        if (current is null)
        {
            return;
        }

        await CheckPrerequisitesAsync([new ToggleStoreWrite(key, null, current.Version)], cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(key, current.Version, new ToggleAuditInfo(actor.Name, reason), cancellationToken).ConfigureAwait(false);
        Log.ToggleChanged(logger, actor.Name, key, 0, reason);
    }

    /// <summary>Refuses a revert to state of another kind than the toggle now has, stored or declared.</summary>
    private void EnsureSameKind(string toggle, string after, StoredRules? current)
    {
        string kind;
        try
        {
            kind = StoredValueCodec.DecodeRules(after).Kind;
        }
        catch (FormatException ex)
        {
            throw new ToggleException(ToggleErrorCode.Refused, $"The audited state of '{toggle}' cannot be read ({ex.Message}); it cannot be restored.", toggle, ex);
        }

        if (registry.TryGet(toggle, out var declared) && ToggleWriteRules.ExpectedKind(declared) is { } expected && expected != kind)
        {
            throw new ToggleException(ToggleErrorCode.Refused, $"'{toggle}' was a {kind} at that version and is declared as a {declared.Kind} now: its kind changed since, so it cannot be reverted.", toggle);
        }

        if (current is not null && current.Kind != kind)
        {
            throw new ToggleException(ToggleErrorCode.Refused, $"'{toggle}' was a {kind} at that version and is stored as a {current.Kind} now: its kind changed since, so it cannot be reverted.", toggle);
        }
    }

    /// <summary>Refuses (and logs) a write whose group members or prerequisites the actor may not edit.</summary>
    private void AuthorizeLinks(string toggle, IReadOnlyList<TogglePrerequisite> requires, ToggleActor actor)
    {
        if (registry.TryGet(toggle, out var declared) && _rules.DeniedByLinks(declared, requires, actor) is { } denied)
        {
            Log.AccessDenied(logger, actor.Name, toggle, denied);
            throw new ToggleAccessDeniedException(toggle, actor.Name, declared.Metadata.EditorRoles, denied);
        }
    }
}
