using FeatureFlags.Storage;

namespace FeatureFlags;

// Applying changes: from the store's notifications and loads, in version order, into the per-toggle state.
internal sealed partial class ToggleStateCache
{
    private void OnStoreChange(ToggleStoreChange change)
    {
        // The store spoke, so it may answer again: a reload waiting out its backoff should try now.
        _retry.Wake();
        if (change.Changes is { } batch)
        {
            ApplyBatch(batch);
        }
        else if (change.Key is null)
        {
            _work.Writer.TryWrite(CacheWork.ReloadAll);
        }
        else if (change.Record is not null || change.IsDelete)
        {
            lock (_lock)
            {
                ApplyLocked([new Change(change.Key, change.Record, change.IsDelete ? change.Version : change.Record!.Version)], isSnapshot: false);
            }

            if (change.Record is { } record)
            {
                _telemetry.ChangeApplied(_time.GetUtcNow() - record.ModifiedAt);
            }

            RaiseStateChanged([change.Key], isFullReload: false);
        }
        else
        {
            _work.Writer.TryWrite(CacheWork.Refresh(change.Key));
        }
    }

    /// <summary>Applies a batch write's changes under one lock, so each toggle's override map is copied once.</summary>
    private void ApplyBatch(IReadOnlyList<ToggleStoreChange> batch)
    {
        var changes = new List<Change>(batch.Count);
        foreach (var change in batch)
        {
            if (change.Record is not null || change.IsDelete)
            {
                changes.Add(new Change(change.Key!, change.Record, change.IsDelete ? change.Version : change.Record!.Version));
            }
            else
            {
                _work.Writer.TryWrite(CacheWork.Refresh(change.Key!));
            }
        }

        lock (_lock)
        {
            ApplyLocked(changes, isSnapshot: false);
        }

        foreach (var change in batch)
        {
            if (change.Record is { } record)
            {
                _telemetry.ChangeApplied(_time.GetUtcNow() - record.ModifiedAt);
            }
        }

        RaiseStateChanged([.. changes.Select(c => c.Key)], isFullReload: false);
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
    /// A change older than what is already applied to its key is skipped.
    /// </summary>
    private void ApplyLocked(List<Change> changes, bool isSnapshot)
    {
        var overrides = new Dictionary<(ToggleState State, OverrideLevel Level), Dictionary<string, OverrideValue>>();
        foreach (var change in changes)
        {
            if (!isSnapshot)
            {
                foreach (var load in _activeLoads)
                {
                    load.Add(change.Key);
                }
            }

            var known = _versions.TryGetValue(change.Key, out var v) ? v : (long?)null;
            if (known is { } k && change.Version < k)
            {
                continue;
            }

            if (!ToggleKeys.TryParse(change.Key, out var fullName, out var level, out var subject))
            {
                continue;
            }

            if (change.Record is null && isSnapshot)
            {
                _versions.Remove(change.Key);
            }
            else
            {
                _versions[change.Key] = change.Version;
            }

            var state = GetOrCreateStateLocked(fullName);
            if (level is null)
            {
                state.Rules = change.Record is null ? null : DecodeRules(change.Record);
                continue;
            }

            if (!overrides.TryGetValue((state, level.Value), out var map))
            {
                var current = state.GetOverrides(level.Value);
                var comparer = level == OverrideLevel.Organization ? _options.OrganizationComparer : StringComparer.Ordinal;
                map = current is null ? new Dictionary<string, OverrideValue>(comparer) : new Dictionary<string, OverrideValue>(current, comparer);
                overrides.Add((state, level.Value), map);
            }

            if (change.Record is not null && TryDecodeOverride(change.Record, out var on))
            {
                map[SubjectKey(level.Value, subject!)] = on;
            }
            else
            {
                map.Remove(SubjectKey(level.Value, subject!));
            }
        }

        foreach (var ((state, level), map) in overrides)
        {
            state.SetOverrides(level, map);
        }
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

    private bool TryDecodeOverride(ToggleRecord record, out OverrideValue on)
    {
        try
        {
            on = OverrideValue.Compile(StoredValueCodec.DecodeOverride(record.Value));
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

    private readonly record struct Change(string Key, ToggleRecord? Record, long Version);
}
