using FeatureFlags.Storage;

namespace FeatureFlags;

// Applying a full load: the snapshot replaces what is held, except keys that notifications changed while it was read.
internal sealed partial class ToggleStateCache
{
    /// <summary>
    /// Replaces the held state with <paramref name="records"/>: every toggle's rules and override maps are built anew
    /// (one dictionary per map, sized once), and whatever the snapshot lacks is gone. A key in <paramref name="touched"/>
    /// was changed by a notification after the read began: the snapshot may be the older view of it, so the newer of
    /// the two is kept. Returns the newest version in the snapshot.
    /// </summary>
    private long ApplySnapshotLocked(IReadOnlyList<ToggleRecord> records, HashSet<string> touched)
    {
        var rules = new Dictionary<ToggleState, ToggleRecord>();
        var maps = new Dictionary<(ToggleState State, OverrideLevel Level), List<(string Subject, ToggleRecord Record)>>();
        ToggleState? previous = null;
        string? previousPrefix = null;
        var newest = 0L;
        foreach (var record in records)
        {
            newest = Math.Max(newest, record.Version);
            if (touched.Count > 0 && touched.Contains(record.Key) && HeldVersionLocked(record.Key) is { } held && held >= record.Version)
            {
                continue;
            }

            // Records come ordered by key, so a toggle's overrides follow one another: its state is found once.
            ToggleState state;
            OverrideLevel? level;
            string? subject;
            if (previousPrefix is not null && record.Key.StartsWith(previousPrefix, StringComparison.Ordinal))
            {
                if (!ToggleKeys.TryParseOverride(record.Key, previousPrefix.Length - 1, out var at, out subject))
                {
                    continue;
                }

                (state, level) = (previous!, at);
            }
            else
            {
                if (!ToggleKeys.TryParse(record.Key, out var fullName, out level, out subject))
                {
                    continue;
                }

                state = GetOrCreateStateLocked(fullName);
                (previous, previousPrefix) = (state, ToggleKeys.OverridePrefix(fullName));
            }

            if (level is not { } l)
            {
                rules[state] = record;
            }
            else
            {
                if (!maps.TryGetValue((state, l), out var entries))
                {
                    maps[(state, l)] = entries = [];
                }

                entries.Add((SubjectKey(l, subject!), record));
            }
        }

        foreach (var state in _states.Values)
        {
            if (rules.TryGetValue(state, out var record))
            {
                state.Rules = DecodeRules(record);
                state.RulesVersion = record.Version;
            }
            else if (!touched.Contains(state.FullName))
            {
                state.Rules = null;
                state.RulesVersion = 0;
            }

            foreach (var level in (ReadOnlySpan<OverrideLevel>)[OverrideLevel.Site, OverrideLevel.Course, OverrideLevel.Organization])
            {
                state.SetOverrides(level, SnapshotMap(state, level, maps.GetValueOrDefault((state, level)), touched));
            }
        }

        // Deletions the snapshot confirms need no memory; those of keys changed during the read stay.
        foreach (var key in _deletedVersions.Keys.Where(k => !touched.Contains(k)).ToList())
        {
            _deletedVersions.Remove(key);
        }

        return newest;
    }

    private Dictionary<string, OverrideValue>? SnapshotMap(ToggleState state, OverrideLevel level, List<(string Subject, ToggleRecord Record)>? entries, HashSet<string> touched)
    {
        var current = state.GetOverrides(level);
        if (entries is null && (current is null || touched.Count == 0))
        {
            return null;
        }

        var comparer = level == OverrideLevel.Organization ? _options.OrganizationComparer : StringComparer.Ordinal;
        var map = new Dictionary<string, OverrideValue>(entries?.Count ?? 0, comparer);
        foreach (var (subject, record) in entries ?? [])
        {
            if (TryDecodeOverride(record, out var value))
            {
                map[subject] = value;
            }
        }

        if (touched.Count > 0 && current is not null)
        {
            // Overrides a notification wrote during the read, and the snapshot does not hold newer.
            var prefix = ToggleKeys.OverridePrefix(state.FullName);
            foreach (var key in touched)
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal)
                    && ToggleKeys.TryParse(key, out _, out var at, out var subject) && at == level
                    && current.TryGetValue(SubjectKey(level, subject!), out var held)
                    && (!map.TryGetValue(SubjectKey(level, subject!), out var fromSnapshot) || fromSnapshot.Version < held.Version))
                {
                    map[SubjectKey(level, subject!)] = held;
                }
            }
        }

        return map;
    }
}
