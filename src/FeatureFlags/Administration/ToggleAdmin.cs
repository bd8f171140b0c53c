using FeatureFlags.Storage;
using Microsoft.Extensions.Logging;

namespace FeatureFlags;

/// <summary>
/// The one write path: validation, least privilege, optimistic concurrency and audit. Single-key methods and batches
/// (imports, bulk overrides) share the same checks (<see cref="ToggleWriteRules"/>).
/// </summary>
internal sealed partial class ToggleAdmin(IToggleStore store, IToggleRegistry registry, FeatureTogglesOptions options, ILogger<ToggleAdmin> logger, ToggleRuleRegistry? customRules = null) : IToggleAdmin
{
    private readonly ToggleWriteRules _rules = new(registry, options, customRules ?? ToggleRuleRegistry.Unchecked);

    public async ValueTask<ToggleRecord> SetSwitchAsync(string toggle, bool enabled, ToggleActor actor, string? reason = null, long? expectedVersion = null, ToggleSchedule? schedule = null, CancellationToken cancellationToken = default)
    {
        Authorize(toggle, actor, reason, declared => declared is Switch ? null : "it is not a switch");
        var current = await store.GetAsync(toggle, cancellationToken).ConfigureAwait(false);
        var stored = StoredValueCodec.TryDecodeRules(current?.Value);
        EnsureStoredKind(toggle, stored, StoredValueCodec.SwitchKind);
        var value = StoredValueCodec.EncodeSwitch(enabled, stored?.Requires, schedule);
        return await WriteAsync(toggle, value, current, expectedVersion, actor, reason, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ToggleRecord> SetFlagAsync(string toggle, FlagRules rules, ToggleActor actor, string? reason = null, long? expectedVersion = null, ToggleSchedule? schedule = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Authorize(toggle, actor, reason, declared => declared is Flag ? null : "it is not a flag");
        rules.Validate();
        RefuseCustomRules(toggle, rules);
        var current = await store.GetAsync(toggle, cancellationToken).ConfigureAwait(false);
        var stored = StoredValueCodec.TryDecodeRules(current?.Value);
        EnsureStoredKind(toggle, stored, StoredValueCodec.FlagKind);
        var value = StoredValueCodec.EncodeFlag(rules, stored?.Requires, schedule);
        return await WriteAsync(toggle, value, current, expectedVersion, actor, reason, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ToggleRecord> UpdateFlagAsync(string toggle, Func<FlagRules, FlagRules> update, ToggleActor actor, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        Authorize(toggle, actor, reason, declared => declared is Flag ? null : "it is not a flag");
        var current = await store.GetAsync(toggle, cancellationToken).ConfigureAwait(false);
        StoredRules? stored;
        try
        {
            stored = current is null ? null : StoredValueCodec.DecodeRules(current.Value);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"The stored rules of '{toggle}' cannot be read ({ex.Message}); replace them with SetFlagAsync.", ex);
        }

        EnsureStoredKind(toggle, stored, StoredValueCodec.FlagKind);
        var rules = (stored as StoredFlag)?.Rules ?? new FlagRules();
        var updated = update(rules) ?? throw new InvalidOperationException("The update function returned null rules.");
        var value = StoredValueCodec.EncodeFlag(updated, stored?.Requires, stored?.Schedule);
        RefuseCustomRules(toggle, updated);
        return await WriteAsync(toggle, value, current, null, actor, reason, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ToggleRecord?> SetOverrideAsync(string toggle, OverrideLevel level, string subject, bool? enabled, ToggleActor actor, string? reason = null, long? expectedVersion = null, ToggleSchedule? schedule = null, CancellationToken cancellationToken = default)
    {
        Authorize(toggle, actor, reason, declared => ToggleWriteRules.UnsupportedOverride(declared, level));
        var normal = ToggleWriteRules.NormalizeSubject(level, subject);
        if (level == OverrideLevel.Organization)
        {
            normal = await StoredOrganizationAsync(toggle, normal, cancellationToken).ConfigureAwait(false);
        }

        var key = ToggleKeys.ForOverride(toggle, level, normal);
        if (enabled is null && schedule is not null)
        {
            throw new ArgumentException("Clearing an override takes no schedule: schedule the override's value instead.", nameof(schedule));
        }

        var current = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (enabled is { } on)
        {
            return await WriteAsync(key, StoredValueCodec.EncodeOverride(on, schedule), current, expectedVersion, actor, reason, cancellationToken).ConfigureAwait(false);
        }

        await DeleteOneAsync(key, current, expectedVersion, actor, reason, cancellationToken).ConfigureAwait(false);
        return null;
    }

    public async ValueTask<int> DeleteAsync(string toggle, ToggleActor actor, string? reason = null, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        Authorize(toggle, actor, reason, _ => null);
        var records = new List<ToggleRecord>();
        var rules = await store.GetAsync(toggle, cancellationToken).ConfigureAwait(false);
        CheckExpected(toggle, rules, expectedVersion);
        if (rules is not null)
        {
            records.Add(rules);
        }

        records.AddRange(await store.ListAsync(ToggleKeys.OverridePrefix(toggle), cancellationToken).ConfigureAwait(false));
        if (records.Count > 0)
        {
            await CheckPrerequisitesAsync([new ToggleStoreWrite(toggle, null, rules?.Version ?? 0)], cancellationToken).ConfigureAwait(false);

            // One transaction: the rules and every override go together, or nothing does.
            await store.WriteBatchAsync([.. records.Select(r => new ToggleStoreWrite(r.Key, null, r.Version))], new ToggleAuditInfo(actor.Name, reason), cancellationToken).ConfigureAwait(false);
            Log.ToggleChanged(logger, actor.Name, toggle, 0, reason);
        }

        return records.Count;
    }

    public ValueTask<IReadOnlyList<ToggleAuditEntry>> GetHistoryAsync(string toggle, CancellationToken cancellationToken = default)
    {
        ToggleNames.ValidateFullName(toggle, nameof(toggle));
        return store.GetHistoryAsync(toggle, cancellationToken);
    }

    public async ValueTask<ToggleHistoryPage> GetHistoryPageAsync(string toggle, long? beforeVersion = null, int limit = ToggleHistoryPage.DefaultLimit, CancellationToken cancellationToken = default)
    {
        ToggleNames.ValidateFullName(toggle, nameof(toggle));
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, ToggleHistoryPage.MaxLimit);
        if (beforeVersion is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(beforeVersion), beforeVersion, "The cursor must be a version of 1 or more.");
        }

        // One row more than asked tells whether an older page exists without a second query.
        var rows = await store.GetHistoryPageAsync(toggle, beforeVersion, limit + 1, cancellationToken).ConfigureAwait(false);
        return rows.Count > limit
            ? new ToggleHistoryPage([.. rows.Take(limit)], rows[limit - 1].Version)
            : new ToggleHistoryPage(rows, null);
    }

    public async ValueTask<ToggleBatchResult> ApplyAsync(IReadOnlyList<ToggleStoreWrite> writes, ToggleActor actor, string? reason = null, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(actor);
        _rules.ValidateActorAndReason(actor, reason);
        var problems = _rules.Check(writes, actor);
        if (!problems.Any(p => p.Severity == ToggleLintSeverity.Error))
        {
            problems.AddRange(await CheckStoredOrganizationsAsync(writes, cancellationToken).ConfigureAwait(false));
            try
            {
                await CheckPrerequisitesAsync(writes, cancellationToken).ConfigureAwait(false);
            }
            catch (ToggleException ex) when (ex.Code == ToggleErrorCode.Refused)
            {
                problems.Add(new ToggleImportProblem(ex.Key ?? "(batch)", ToggleLintSeverity.Error, ex.Message, ex.Code));
            }
        }

        var result = new ToggleBatchResult(problems, Applied: false);
        if (result.HasErrors)
        {
            foreach (var problem in problems.Where(p => p.Code == ToggleErrorCode.AccessDenied))
            {
                Log.AccessDenied(logger, actor.Name, problem.Key, "(batch)");
            }

            return result;
        }

        if (dryRun || writes.Count == 0)
        {
            return result with { Applied = !dryRun };
        }

        using var activity = ToggleTelemetry.Source.StartActivity("featureflags.change");
        activity?.SetTag(FeatureTogglesDiagnostics.ToggleTag, writes.Count == 1 ? writes[0].Key : "(batch)");
        await store.WriteBatchAsync(writes, new ToggleAuditInfo(actor.Name, reason), cancellationToken).ConfigureAwait(false);
        foreach (var write in writes)
        {
            Log.ToggleChanged(logger, actor.Name, write.Key, 0, reason);
        }

        return result with { Applied = true };
    }

    /// <summary>
    /// Refuses batch writes of an organisation override that <see cref="FeatureTogglesOptions.OrganizationComparer"/>
    /// finds already stored under another spelling (and not deleted by the same batch): two keys for one organisation
    /// would make instances disagree about which one answers.
    /// </summary>
    private async ValueTask<List<ToggleImportProblem>> CheckStoredOrganizationsAsync(IReadOnlyList<ToggleStoreWrite> writes, CancellationToken cancellationToken)
    {
        var problems = new List<ToggleImportProblem>();
        var byToggle = writes
            .Where(w => w.Value is not null && ToggleKeys.TryParse(w.Key, out _, out var level, out _) && level == OverrideLevel.Organization)
            .GroupBy(w => w.Key[..w.Key.IndexOf('/', StringComparison.Ordinal)], StringComparer.Ordinal);
        foreach (var group in byToggle)
        {
            var prefix = ToggleKeys.OverridePrefix(group.Key) + "org/";
            var stored = (await store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
                .Select(r => r.Key)
                .ToList();
            foreach (var write in group)
            {
                var organization = write.Key[prefix.Length..];
                var other = stored.FirstOrDefault(k => !string.Equals(k, write.Key, StringComparison.Ordinal)
                    && options.OrganizationComparer.Equals(k[prefix.Length..], organization)
                    && !writes.Any(w => w.IsDelete && string.Equals(w.Key, k, StringComparison.Ordinal)));
                if (other is not null)
                {
                    problems.Add(new ToggleImportProblem(write.Key, ToggleLintSeverity.Error, $"Organisation '{organization}' of '{group.Key}' is stored as '{other[prefix.Length..]}' (organisations compare under OrganizationComparer); write '{other}' instead, or delete it in the same batch.", ToggleErrorCode.InvalidRequest));
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// Returns the organisation as already stored when an override exists for one that
    /// <see cref="FeatureTogglesOptions.OrganizationComparer"/> finds equal, so <c>edX</c> replaces <c>edx</c> instead of
    /// adding a second override for the same organisation.
    /// </summary>
    private async ValueTask<string> StoredOrganizationAsync(string toggle, string organization, CancellationToken cancellationToken)
    {
        var prefix = ToggleKeys.ForOverride(toggle, OverrideLevel.Organization, "x")[..^1];
        foreach (var record in await store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            var stored = record.Key[prefix.Length..];
            if (options.OrganizationComparer.Equals(stored, organization))
            {
                return stored;
            }
        }

        return organization;
    }

    private async ValueTask<ToggleRecord> WriteAsync(string key, string value, ToggleRecord? current, long? expectedVersion, ToggleActor actor, string? reason, CancellationToken cancellationToken)
    {
        CheckExpected(key, current, expectedVersion);
        using var activity = ToggleTelemetry.Source.StartActivity("featureflags.change");
        activity?.SetTag(FeatureTogglesDiagnostics.ToggleTag, key);
        var record = await store.SetAsync(key, value, current?.Version ?? 0, new ToggleAuditInfo(actor.Name, reason), cancellationToken).ConfigureAwait(false);
        Log.ToggleChanged(logger, actor.Name, key, record.Version, reason);
        return record;
    }

    /// <summary>
    /// Refuses a write based on a stale read: the caller's version must still be the stored one. The store then checks
    /// the same version again inside its transaction, so a change in between is refused there.
    /// </summary>
    private static void CheckExpected(string key, ToggleRecord? current, long? expectedVersion)
    {
        if (expectedVersion is { } expected && expected != (current?.Version ?? 0))
        {
            throw new ToggleConflictException(key, expected, current?.Version ?? 0);
        }
    }

    /// <summary>
    /// Validates the name, the actor and the reason and, for a declared toggle, its type and editor roles. Refusals are logged.
    /// </summary>
    private void Authorize(string toggle, ToggleActor actor, string? reason, Func<Toggle, string?> unsupported)
    {
        ToggleNames.ValidateFullName(toggle, nameof(toggle));
        ArgumentNullException.ThrowIfNull(actor);
        _rules.ValidateActorAndReason(actor, reason);
        if (!registry.TryGet(toggle, out var declared))
        {
            return;
        }

        if (declared is SettingToggle && unsupported(declared) is not null)
        {
            throw new ArgumentException($"'{toggle}' is a setting toggle: its value comes from configuration and cannot be stored.", nameof(toggle));
        }

        if (unsupported(declared) is { } problem)
        {
            throw new ArgumentException($"Cannot apply this change to '{toggle}': {problem} (declared as {declared.Kind}).", nameof(toggle));
        }

        if (!ToggleWriteRules.MayEdit(declared, actor))
        {
            var roles = declared.Metadata.EditorRoles;
            Log.AccessDenied(logger, actor.Name, toggle, string.Join(", ", roles));
            throw new ToggleAccessDeniedException(toggle, actor.Name, roles);
        }
    }

    private void RefuseCustomRules(string toggle, FlagRules rules)
    {
        if (_rules.CheckCustomRules(toggle, rules) is { } problem)
        {
            throw new ArgumentException($"Invalid flag rules: {problem}.", nameof(rules));
        }
    }

    /// <summary>
    /// Refuses a write of another kind than the one stored. No stored state, or unreadable state (null here), is
    /// replaced by a valid write.
    /// </summary>
    private static void EnsureStoredKind(string toggle, StoredRules? stored, string kind)
    {
        if (stored is not null && stored.Kind != kind)
        {
            throw new ArgumentException($"'{toggle}' is stored as a {stored.Kind}, not a {kind}. Delete its state first to change its type.", nameof(toggle));
        }
    }
}
