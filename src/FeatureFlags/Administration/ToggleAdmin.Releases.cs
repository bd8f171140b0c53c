using System.Globalization;

namespace FeatureFlags;

// Release groups, prerequisites and revert: written through the same checks, versions and audit as every other change.
internal sealed partial class ToggleAdmin
{
    public async ValueTask<ToggleRecord?> SetGroupAsync(string group, bool? enabled, ToggleActor actor, string? reason = null, long? expectedVersion = null, ToggleSchedule? schedule = null, CancellationToken cancellationToken = default)
    {
        Expect(group, actor, declared => declared is ToggleGroup ? null : "it is not a release group");
        if (enabled is null && schedule is not null)
        {
            throw new ArgumentException("Unsetting a group takes no schedule: schedule 'on' or 'off' instead.", nameof(schedule));
        }

        var current = await store.GetAsync(group, cancellationToken).ConfigureAwait(false);
        EnsureStoredKind(group, StoredValueCodec.TryDecodeRules(current?.Value), StoredValueCodec.GroupKind);
        if (enabled is { } on)
        {
            return await WriteAsync(group, StoredValueCodec.EncodeGroup(on, schedule), current, expectedVersion, actor, reason, cancellationToken).ConfigureAwait(false);
        }

        // Unsetting answers for every member too, so it needs their editor roles as a flip does.
        if (registry.TryGet(group, out var declaredGroup) && _rules.DeniedByLinks(declaredGroup, [], actor) is { } denied)
        {
            Log.AccessDenied(logger, actor.Name, group, denied.Message);
            throw denied;
        }

        await DeleteOneAsync(group, current, expectedVersion, actor, reason, cancellationToken).ConfigureAwait(false);
        return null;
    }

    public async ValueTask<ToggleRecord> SetPrerequisitesAsync(string toggle, IReadOnlyList<TogglePrerequisite> prerequisites, ToggleActor actor, string? reason = null, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prerequisites);
        Expect(toggle, actor, declared => declared is Switch or Flag ? null : "only switches and flags can have prerequisites");
        if (!registry.TryGet(toggle, out var declared))
        {
            throw new ArgumentException($"'{toggle}' is not declared in this application: its type, and so the form of its state, is unknown.", nameof(toggle));
        }

        PrerequisiteRules.Validate(prerequisites);
        foreach (var prerequisite in prerequisites)
        {
            if (!registry.TryGet(prerequisite.Toggle, out _))
            {
                var hint = NameSuggestions.Nearest(prerequisite.Toggle, registry.Toggles.Select(t => t.FullName)) is { } near ? $" Did you mean '{near}'?" : string.Empty;
                throw new ArgumentException($"Prerequisite '{prerequisite.Toggle}' is not declared in this application.{hint}", nameof(prerequisites));
            }
        }

        var current = await store.GetAsync(toggle, cancellationToken).ConfigureAwait(false);
        var stored = StoredValueCodec.TryDecodeRules(current?.Value);
        EnsureStoredKind(toggle, stored, declared is Switch ? StoredValueCodec.SwitchKind : StoredValueCodec.FlagKind);

        // A toggle with no stored state stores its code default along with the prerequisites: same answers as before.
        // Rules that match nobody are kept as they were: the change is to the prerequisites, not to the rules.
        var value = stored switch
        {
            StoredFlag { Rules.IsEmpty: true } flag => StoredValueCodec.Encode(flag with { Rules = flag.Rules with { MatchNobody = true }, Requires = prerequisites }),
            not null => StoredValueCodec.Encode(stored with { Requires = prerequisites }),
            null when declared is Switch => StoredValueCodec.EncodeSwitch(declared.DefaultValue, prerequisites),
            null => StoredValueCodec.EncodeFlag(new FlagRules { Everyone = declared.DefaultValue ? true : null, MatchNobody = !declared.DefaultValue }, prerequisites),
        };
        return await WriteAsync(toggle, value, current, expectedVersion, actor, reason, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ToggleRecord?> RevertAsync(string toggle, long toVersion, ToggleActor actor, string? reason = null, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        // Roles first: a caller without them learns nothing of the toggle's versions or kinds.
        Expect(toggle, actor, _ => null);
        ArgumentOutOfRangeException.ThrowIfLessThan(toVersion, 1);
        reason ??= string.Create(CultureInfo.InvariantCulture, $"Revert to version {toVersion}");

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

        // The audited state is written as any write is: declared type, editor roles (the toggle's and those of the
        // toggles it names), rules, schedule and prerequisites. A refusal names the version it would have restored.
        try
        {
            if (target.After is { } value)
            {
                return await WriteAsync(toggle, value, current, null, actor, reason, cancellationToken).ConfigureAwait(false);
            }

            await DeleteOneAsync(toggle, current, null, actor, reason, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (ToggleAccessDeniedException denied)
        {
            throw new ToggleAccessDeniedException(denied.Toggle, denied.Actor, denied.RequiredRoles, $"Cannot revert '{toggle}' to version {toVersion}: {denied.Message}");
        }
        catch (ToggleException ex) when (ex is not ToggleConflictException)
        {
            throw new ToggleException(ex.Code, $"Cannot revert '{toggle}' to version {toVersion}: {ex.Message}", toggle, ex);
        }
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
}
