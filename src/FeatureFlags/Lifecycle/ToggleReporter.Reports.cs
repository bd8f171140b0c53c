using FeatureFlags.Storage;

namespace FeatureFlags;

// Reports read from the store alone: one listing of the stored state and one read of first and last modified times,
// never a toggle's whole history and never the process cache.
internal sealed partial class ToggleReporter
{
    public async ValueTask<ToggleReport> CreateReportAsync(CancellationToken cancellationToken = default)
    {
        var records = await StoredToggles.ListAsync(store, cancellationToken).ConfigureAwait(false);
        var modified = ByToggle(await store.GetModifiedTimesAsync(null, cancellationToken).ConfigureAwait(false));
        return Build(records, Names(GroupByToggle(records)), modified);
    }

    public async ValueTask<ToggleReport> CreateReportAsync(IReadOnlyCollection<string> toggles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(toggles);
        foreach (var name in toggles)
        {
            ToggleNames.ValidateFullName(name, nameof(toggles));
        }

        // Each toggle's own key and overrides, and the key of its group (whose state answers for it); nothing else.
        var names = toggles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var groups = names.Select(n => registry.TryGet(n, out var declared) ? declared.GroupFullName : null).OfType<string>();
        var records = new List<ToggleRecord>(await store.GetManyAsync([.. names.Union(groups, StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false));
        var modified = new Dictionary<string, ToggleModifiedTimes>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            records.AddRange(await store.ListAsync(ToggleKeys.OverridePrefix(name), cancellationToken).ConfigureAwait(false));
            foreach (var (toggle, times) in ByToggle(await store.GetModifiedTimesAsync(name, cancellationToken).ConfigureAwait(false)))
            {
                modified[toggle] = times;
            }
        }

        var stored = GroupByToggle(records);
        var report = Build(records, names.Where(n => registry.TryGet(n, out _) || stored.ContainsKey(n)), modified);

        // Dependants are in other toggles' state, which was not read: none are claimed rather than a partial list.
        return new ToggleReport(report.GeneratedAt, [.. report.Entries.Select(e => e with { Dependants = [] })]);
    }

    /// <summary>
    /// Builds the rows of the named toggles (those declared or stored) from records already read and the modified times
    /// of their keys; dependants are left to the caller, which knows whether it read them.
    /// </summary>
    internal IReadOnlyList<ToggleReportEntry> Entries(IReadOnlyList<ToggleRecord> records, IReadOnlyList<string> names, IReadOnlyList<ToggleModifiedTimes> modified)
    {
        var stored = GroupByToggle(records);
        return Build(records, names.Where(n => registry.TryGet(n, out _) || stored.ContainsKey(n)), ByToggle(modified)).Entries;
    }

    /// <summary>
    /// Builds the report from records already read, without reading the audit (first and last modified are left
    /// empty), for pages that show every toggle's state and must stay fast.
    /// </summary>
    internal ToggleReport CreateSnapshot(IReadOnlyList<ToggleRecord> records)
        => Build(records, Names(GroupByToggle(records)), new Dictionary<string, ToggleModifiedTimes>(StringComparer.Ordinal));

    /// <summary>
    /// Folds the modified times of store keys into their toggles' (a toggle's key and the keys under <c>{name}/</c>,
    /// as its history selects them): the oldest first and the newest last time.
    /// </summary>
    private static Dictionary<string, ToggleModifiedTimes> ByToggle(IReadOnlyList<ToggleModifiedTimes> keys)
    {
        var result = new Dictionary<string, ToggleModifiedTimes>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var slash = key.Key.IndexOf('/', StringComparison.Ordinal);
            var name = slash < 0 ? key.Key : key.Key[..slash];
            result[name] = result.TryGetValue(name, out var known)
                ? new ToggleModifiedTimes(
                    name,
                    key.FirstModified < known.FirstModified ? key.FirstModified : known.FirstModified,
                    key.LastModified > known.LastModified ? key.LastModified : known.LastModified)
                : key with { Key = name };
        }

        return result;
    }

    private ToggleReport Build(IReadOnlyList<ToggleRecord> records, IEnumerable<string> names, Dictionary<string, ToggleModifiedTimes> modified)
    {
        var stored = GroupByToggle(records);
        var links = new ReportLinks(registry, records);
        var configured = ReportConfiguration.Read(configuration, options, registry);
        var entries = new List<ToggleReportEntry>();
        foreach (var name in names)
        {
            registry.TryGet(name, out var declared);
            stored.TryGetValue(name, out var own);
            entries.Add(CreateEntry(name, declared, own ?? [], modified.GetValueOrDefault(name), links, configured));
        }

        return new ToggleReport(time.GetUtcNow(), entries);
    }
}
