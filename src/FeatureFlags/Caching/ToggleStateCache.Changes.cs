using FeatureFlags.Storage;

namespace FeatureFlags;

// Applying changes: from the store's notifications and loads, in version order, into the per-toggle state.
internal sealed partial class ToggleStateCache
{
    private void OnStoreChange(ToggleStoreChange change)
    {
        // The store spoke, so it may answer again: a reload waiting out its backoff should try now.
        _retry.Wake();
        switch (change.Kind)
        {
            case ToggleStoreChangeKind.Everything:
                _work.Writer.TryWrite(CacheWork.ReloadUpTo(change.Version));
                break;
            case ToggleStoreChangeKind.Batch:
                Apply(change.Changes);
                break;
            default:
                Apply([change]);
                break;
        }
    }

    /// <summary>
    /// Applies changes that carry their result (a record or a deletion) under one lock, so each toggle's override map is
    /// copied once, and queues a read-back of those that do not. A change not newer than the version held is skipped
    /// (a writer's own change arriving again, or a stale one), so <see cref="StateChanged"/> fires once per change.
    /// </summary>
    private void Apply(IReadOnlyList<ToggleStoreChange> batch)
    {
        var changes = new List<Change>(batch.Count);
        List<string> applied;
        lock (_lock)
        {
            foreach (var change in batch)
            {
                // The library's system keys (the prerequisite index) share the store but are no toggle's state.
                if (StoredToggles.IsSystemKey(change.Key!))
                {
                    continue;
                }

                switch (change.Kind)
                {
                    case ToggleStoreChangeKind.Written:
                        changes.Add(new Change(change.Key!, change.Record, change.Version));
                        break;
                    case ToggleStoreChangeKind.Deleted:
                        changes.Add(new Change(change.Key!, null, change.Version));
                        break;
                    case ToggleStoreChangeKind.Changed when change.Version is not { } version || !(HeldVersionLocked(change.Key!) is { } known && known >= version):
                        _work.Writer.TryWrite(CacheWork.Refresh(change.Key!, change.Version));
                        break;
                }
            }

            applied = ApplyLocked(changes);
        }

        if (applied.Count == 0)
        {
            return;
        }

        var now = _time.GetUtcNow();
        foreach (var change in changes)
        {
            if (change.Record is { } record)
            {
                _telemetry.ChangeApplied(now - record.ModifiedAt);
            }
        }

        RaiseStateChanged(applied, isFullReload: false);
    }

    private void RaiseStateChanged(IReadOnlyList<string> keys, bool isFullReload)
    {
        var handler = StateChanged;
        if (handler is null)
        {
            return;
        }

        try
        {
            handler(this, new ToggleStateChangedEventArgs(keys, isFullReload));
        }
#pragma warning disable CA1031 // A failing handler must not break the cache's update loop or a writer's call.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>
    /// Applies changes in bulk: each touched override dictionary is copied once, whatever the number of changes to it.
    /// A change not newer than what is held for its key is skipped (versions never repeat, so the same version is the
    /// same change). Returns the keys applied.
    /// </summary>
    private List<string> ApplyLocked(List<Change> changes)
    {
        var applied = new List<string>(changes.Count);
        var overrides = new Dictionary<(ToggleState State, OverrideLevel Level), Dictionary<string, OverrideValue>>();
        foreach (var change in changes)
        {
            foreach (var load in _activeLoads)
            {
                load.Add(change.Key);
            }

            if (!ToggleKeys.TryParse(change.Key, out var fullName, out var level, out var subject))
            {
                continue;
            }

            // A deletion of a key no toggle here holds changes nothing (and must not make room for names nobody declared).
            if (change.Record is null && !_states.ContainsKey(fullName))
            {
                continue;
            }

            var state = GetOrCreateStateLocked(fullName);
            Dictionary<string, OverrideValue>? map = null;
            if (level is { } l && !overrides.TryGetValue((state, l), out map))
            {
                var current = state.GetOverrides(l);
                var comparer = l == OverrideLevel.Organization ? _options.OrganizationComparer : StringComparer.Ordinal;
                map = current is null ? new Dictionary<string, OverrideValue>(comparer) : new Dictionary<string, OverrideValue>(current, comparer);
                overrides.Add((state, l), map);
            }

            var subjectKey = level is { } at ? SubjectKey(at, subject!) : null;
            var held = HeldVersionLocked(change.Key, state, map, subjectKey);
            if (held is { } h && change.Version is { } version && version <= h)
            {
                continue;
            }

            applied.Add(change.Key);
            if (change.Record is null)
            {
                // A deletion of unknown version keeps what was held: older changes are still older than the deletion.
                if ((change.Version ?? held) is { } deletedAt)
                {
                    _deletedVersions[change.Key] = deletedAt;
                }
            }
            else if (_deletedVersions.Count > 0)
            {
                _deletedVersions.Remove(change.Key);
            }

            if (map is null)
            {
                state.Rules = change.Record is null ? null : DecodeRules(change.Record);
                state.RulesVersion = change.Record?.Version ?? 0;
            }
            else if (change.Record is not null && TryDecodeOverride(change.Record, out var on))
            {
                map[subjectKey!] = on;
            }
            else
            {
                map.Remove(subjectKey!);
            }
        }

        foreach (var ((state, level), map) in overrides)
        {
            state.SetOverrides(level, map);
        }

        return applied;
    }

    /// <summary>Returns the version held for a key (applied or deleted), or <see langword="null"/> when none is known.</summary>
    private long? HeldVersionLocked(string key)
    {
        if (!ToggleKeys.TryParse(key, out var fullName, out var level, out var subject) || !_states.TryGetValue(fullName, out var state))
        {
            return _deletedVersions.TryGetValue(key, out var deleted) ? deleted : null;
        }

        return level is { } l ? HeldVersionLocked(key, state, state.GetOverrides(l), SubjectKey(l, subject!)) : HeldVersionLocked(key, state, null, null);
    }

    private long? HeldVersionLocked(string key, ToggleState state, Dictionary<string, OverrideValue>? overrides, string? subjectKey)
    {
        if (subjectKey is null ? state.RulesVersion > 0 : overrides is not null && overrides.ContainsKey(subjectKey))
        {
            return subjectKey is null ? state.RulesVersion : overrides![subjectKey].Version;
        }

        return _deletedVersions.TryGetValue(key, out var deleted) ? deleted : null;
    }

    /// <summary>Site keys stored before they were normalised on write still match the normalised request site.</summary>
    private static string SubjectKey(OverrideLevel level, string subject)
        => level == OverrideLevel.Site ? ToggleKeys.NormalizeSiteOrLowerCase(subject) : subject;

    private CompiledRules? DecodeRules(ToggleRecord record)
    {
        CompiledRules rules;
        try
        {
            rules = CompiledRules.Compile(StoredValueCodec.DecodeRules(record.Value), _resolve);
        }
        catch (FormatException ex)
        {
            if (FirstReport(record))
            {
                Log.InvalidStoredValue(_logger, record.Key, ex.Message);
            }

            return null;
        }

        if (_registry.TryGet(record.Key, out var declared) && !Fits(declared, rules))
        {
            if (FirstReport(record))
            {
                Log.KindMismatch(_logger, record.Key, rules.Kind, declared.Kind);
            }

            return null;
        }

        return BindCustomRules(record, rules);
    }

    private static bool Fits(Toggle declared, CompiledRules rules) => declared switch
    {
        Switch => rules is CompiledSwitch,
        Flag => rules is CompiledFlag,
        ToggleGroup => rules is CompiledGroup,
        _ => false,
    };

    private static readonly string PlainOn = StoredValueCodec.EncodeOverride(true);
    private static readonly string PlainOff = StoredValueCodec.EncodeOverride(false);

    private bool TryDecodeOverride(ToggleRecord record, out OverrideValue on)
    {
        try
        {
            // Most overrides are a plain on or off: recognised without parsing.
            on = record.Value == PlainOn ? OverrideValue.Always(true)
                : record.Value == PlainOff ? OverrideValue.Always(false)
                : OverrideValue.Compile(StoredValueCodec.DecodeOverride(record.Value));
            on = on with { Version = record.Version };
            return true;
        }
        catch (FormatException ex)
        {
            if (FirstReport(record))
            {
                Log.InvalidStoredValue(_logger, record.Key, ex.Message);
            }

            on = default;
            return false;
        }
    }

    /// <summary>One key's new state; <see cref="Version"/> is <see langword="null"/> for a deletion found by a read whose
    /// version nobody announced (it is applied whatever version is held: the read saw the key absent).</summary>
    private readonly record struct Change(string Key, ToggleRecord? Record, long? Version);
}
