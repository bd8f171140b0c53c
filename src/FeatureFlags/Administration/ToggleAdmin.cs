using FeatureFlags.Storage;
using Microsoft.Extensions.Logging;

namespace FeatureFlags;

/// <summary>
/// <see cref="IToggleAdmin"/>: each method reads what its change is based on, turns the change into store writes, and
/// hands them to the one write pipeline (<see cref="ToggleWritePipeline"/>), which checks, writes, audits and notifies.
/// </summary>
internal sealed partial class ToggleAdmin : IToggleAdmin
{
    private readonly IToggleStore store;
    private readonly IToggleRegistry registry;
    private readonly FeatureTogglesOptions options;
    private readonly ToggleWriteRules _rules;
    private readonly ToggleWritePipeline _pipeline;
    private readonly ILogger logger;

    public ToggleAdmin(IToggleStore store, IToggleRegistry registry, FeatureTogglesOptions options, ILogger<ToggleAdmin> logger, ToggleRuleRegistry? customRules = null, TimeProvider? time = null)
    {
        this.store = store;
        this.registry = registry;
        this.options = options;
        this.logger = logger;
        _rules = new(registry, options, customRules ?? ToggleRuleRegistry.Unchecked, time ?? TimeProvider.System);
        _pipeline = new(store, options, _rules, logger);
    }

    public async ValueTask<ToggleRecord> SetSwitchAsync(string toggle, bool enabled, ToggleActor actor, string? reason = null, long? expectedVersion = null, ToggleSchedule? schedule = null, CancellationToken cancellationToken = default)
    {
        Expect(toggle, actor, declared => declared is Switch ? null : "it is not a switch");
        var current = await store.GetAsync(toggle, cancellationToken).ConfigureAwait(false);
        var stored = StoredValueCodec.TryDecodeRules(current?.Value);
        EnsureStoredKind(toggle, stored, StoredValueCodec.SwitchKind);
        var value = StoredValueCodec.EncodeSwitch(enabled, stored?.Requires, schedule);
        return await WriteAsync(toggle, value, current, expectedVersion, actor, reason, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ToggleRecord> SetFlagAsync(string toggle, FlagRules rules, ToggleActor actor, string? reason = null, long? expectedVersion = null, ToggleSchedule? schedule = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Expect(toggle, actor, declared => declared is Flag ? null : "it is not a flag");
        var current = await store.GetAsync(toggle, cancellationToken).ConfigureAwait(false);
        var stored = StoredValueCodec.TryDecodeRules(current?.Value);
        EnsureStoredKind(toggle, stored, StoredValueCodec.FlagKind);
        var value = StoredValueCodec.EncodeFlag(rules, stored?.Requires, schedule);
        return await WriteAsync(toggle, value, current, expectedVersion, actor, reason, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<ToggleRecord> UpdateFlagAsync(string toggle, Func<FlagRules, FlagRules> update, ToggleActor actor, string? reason = null, CancellationToken cancellationToken = default)
        => UpdateFlagAsync(toggle, update, actor, reason, expectedVersion: null, KeepSchedule, cancellationToken);

    public async ValueTask<ToggleRecord> UpdateFlagAsync(string toggle, Func<FlagRules, FlagRules> update, ToggleActor actor, string? reason, long? expectedVersion, Func<ToggleSchedule?, ToggleSchedule?> schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(schedule);
        Expect(toggle, actor, declared => declared is Flag ? null : "it is not a flag");
        var current = await store.GetAsync(toggle, cancellationToken).ConfigureAwait(false);
        CheckExpected(toggle, current, expectedVersion);
        StoredRules? stored;
        try
        {
            stored = current is null ? null : StoredValueCodec.DecodeRules(current.Value);
        }
        catch (FormatException ex)
        {
            throw new ToggleException(ToggleErrorCode.Refused, $"The stored rules of '{toggle}' cannot be read ({ex.Message}); replace them with SetFlagAsync.", toggle, ex);
        }

        EnsureStoredKind(toggle, stored, StoredValueCodec.FlagKind);
        var rules = (stored as StoredFlag)?.Rules ?? new FlagRules();
        var updated = update(rules) ?? throw new InvalidOperationException("The update function returned null rules.");
        var value = StoredValueCodec.EncodeFlag(updated, stored?.Requires, schedule(stored?.Schedule));
        return await WriteAsync(toggle, value, current, expectedVersion, actor, reason, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ToggleRecord?> SetOverrideAsync(string toggle, OverrideLevel level, string subject, bool? enabled, ToggleActor actor, string? reason = null, long? expectedVersion = null, ToggleSchedule? schedule = null, CancellationToken cancellationToken = default)
    {
        Expect(toggle, actor, declared => ToggleWriteRules.UnsupportedOverride(declared, level));
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        if (enabled is null && schedule is not null)
        {
            throw new ArgumentException("Clearing an override takes no schedule: schedule the override's value instead.", nameof(schedule));
        }

        var normal = level == OverrideLevel.Site ? ToggleKeys.NormalizeSite(subject) : subject;
        var key = ToggleKeys.ForOverride(toggle, level, normal);
        if (level == OverrideLevel.Organization)
        {
            // Every spelling the comparer finds equal is one organisation: a value replaces the stored spelling, and a
            // clear removes every spelling, so no instance keeps answering from one left behind.
            var spellings = await OrganizationSpellingsAsync(toggle, normal, cancellationToken).ConfigureAwait(false);
            if (enabled is null)
            {
                return await ClearSpellingsAsync(toggle, key, spellings, expectedVersion, actor, reason, cancellationToken).ConfigureAwait(false);
            }

            if (spellings.Count > 0 && spellings.All(r => !string.Equals(r.Key, key, StringComparison.Ordinal)))
            {
                key = spellings[0].Key;
            }
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
        Expect(toggle, actor, _ => null);
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
            // One transaction: the rules and every override go together, or nothing does.
            await _pipeline.RunAsync([.. records.Select(r => new ToggleStoreWrite(r.Key, null, r.Version))], actor, reason, dryRun: false, strict: true, cancellationToken, Known(records)).ConfigureAwait(false);
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
        var outcome = await _pipeline.RunAsync(writes, actor, reason, dryRun, strict: false, cancellationToken).ConfigureAwait(false);
        return new ToggleBatchResult(outcome.Problems, outcome.Applied);
    }

    private static ToggleSchedule? KeepSchedule(ToggleSchedule? schedule) => schedule;

    /// <summary>The values a method already read, handed to the pipeline so it does not read them again.</summary>
    private static Dictionary<string, string> Known(params IEnumerable<ToggleRecord?> records)
        => records.OfType<ToggleRecord>().ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);

    /// <summary>
    /// Returns the stored organisation overrides of <paramref name="toggle"/> that name <paramref name="organization"/>
    /// under <see cref="FeatureTogglesOptions.OrganizationComparer"/>, the exact spelling first.
    /// </summary>
    private async ValueTask<List<ToggleRecord>> OrganizationSpellingsAsync(string toggle, string organization, CancellationToken cancellationToken)
    {
        var prefix = ToggleWritePipeline.OrganizationPrefix(toggle);
        return [.. (await store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
            .Where(r => options.OrganizationComparer.Equals(r.Key[prefix.Length..], organization))
            .OrderBy(r => string.Equals(r.Key[prefix.Length..], organization, StringComparison.Ordinal) ? 0 : 1)];
    }

    private async ValueTask<ToggleRecord?> ClearSpellingsAsync(string toggle, string key, List<ToggleRecord> spellings, long? expectedVersion, ToggleActor actor, string? reason, CancellationToken cancellationToken)
    {
        var exact = spellings.FirstOrDefault(r => string.Equals(r.Key, key, StringComparison.Ordinal)) ?? spellings.FirstOrDefault();
        CheckExpected(key, exact, expectedVersion);
        if (spellings.Count > 0)
        {
            await _pipeline.RunAsync([.. spellings.Select(r => new ToggleStoreWrite(r.Key, null, r.Version))], actor, reason, dryRun: false, strict: true, cancellationToken, Known(spellings)).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>
    /// Writes one key through the pipeline. The write is conditional on the version the caller read (or, when the caller
    /// named none, on the version read here).
    /// </summary>
    private async ValueTask<ToggleRecord> WriteAsync(string key, string value, ToggleRecord? current, long? expectedVersion, ToggleActor actor, string? reason, CancellationToken cancellationToken)
    {
        CheckExpected(key, current, expectedVersion);
        var outcome = await _pipeline.RunAsync([new ToggleStoreWrite(key, value, current?.Version ?? 0)], actor, reason, dryRun: false, strict: true, cancellationToken, Known(current)).ConfigureAwait(false);
        return outcome.Records.Single(r => string.Equals(r.Key, key, StringComparison.Ordinal));
    }

    private async ValueTask DeleteOneAsync(string key, ToggleRecord? current, long? expectedVersion, ToggleActor actor, string? reason, CancellationToken cancellationToken)
    {
        CheckExpected(key, current, expectedVersion);
        if (current is not null)
        {
            await _pipeline.RunAsync([new ToggleStoreWrite(key, null, current.Version)], actor, reason, dryRun: false, strict: true, cancellationToken, Known(current)).ConfigureAwait(false);
        }
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
    /// Checks what a typed method can tell before reading the store: a valid name, an actor, and for a declared toggle
    /// that the method applies to its type. The pipeline checks editor roles before this message is seen: a method that
    /// does not fit the type is refused only once the actor may edit the toggle.
    /// </summary>
    private void Expect(string toggle, ToggleActor actor, Func<Toggle, string?> unsupported)
    {
        ToggleNames.ValidateFullName(toggle, nameof(toggle));
        ArgumentNullException.ThrowIfNull(actor);
        if (!registry.TryGet(toggle, out var declared))
        {
            return;
        }

        if (!ToggleWriteRules.MayEdit(declared, actor))
        {
            Log.AccessDenied(logger, actor.Name, toggle, string.Join(", ", declared.Metadata.EditorRoles));
            throw new ToggleAccessDeniedException(toggle, actor.Name, declared.Metadata.EditorRoles);
        }

        if (declared is SettingToggle && unsupported(declared) is not null)
        {
            throw new ArgumentException($"'{toggle}' is a setting toggle: its value comes from configuration and cannot be stored.", nameof(toggle));
        }

        if (unsupported(declared) is { } problem)
        {
            throw new ArgumentException($"Cannot apply this change to '{toggle}': {problem} (declared as {declared.Kind}).", nameof(toggle));
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
