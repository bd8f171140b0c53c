using FeatureFlags.Storage;

namespace FeatureFlags;

/// <summary>
/// <see cref="IToggleCatalog"/> over the store and the declarations. One toggle costs four store reads whatever the size
/// of the store: its own key with its group's, its overrides, its first and last modified times, and the prerequisite
/// index (its dependants).
/// </summary>
internal sealed class ToggleCatalog(IToggleStore store, IToggleRegistry registry, ToggleReporter reporter) : IToggleCatalog
{
    public async ValueTask<ToggleView?> GetAsync(string toggle, CancellationToken cancellationToken = default)
    {
        ToggleNames.ValidateFullName(toggle, nameof(toggle));
        registry.TryGet(toggle, out var declared);
        var group = declared?.GroupFullName;
        var own = await store.GetManyAsync(group is null ? [toggle] : [toggle, group], cancellationToken).ConfigureAwait(false);
        var overrides = await store.ListAsync(ToggleKeys.OverridePrefix(toggle), cancellationToken).ConfigureAwait(false);
        var state = own.FirstOrDefault(r => string.Equals(r.Key, toggle, StringComparison.Ordinal));
        if (declared is null && state is null && overrides.Count == 0)
        {
            return null;
        }

        var modified = await store.GetModifiedTimesAsync(toggle, cancellationToken).ConfigureAwait(false);
        var index = await store.GetAsync(PrerequisiteIndex.Key, cancellationToken).ConfigureAwait(false);
        var graph = index is null ? null : PrerequisiteIndex.TryDecode(index.Value);

        List<ToggleRecord> records = [.. own, .. overrides];
        var entries = reporter.Entries(records, group is null ? [toggle] : [toggle, group], modified);
        var entry = entries.First(e => string.Equals(e.Name, toggle, StringComparison.Ordinal)) with
        {
            Dependants = graph?.DependantsOf(toggle) ?? [],
        };
        var groupSettings = group is null ? null : entries.FirstOrDefault(e => string.Equals(e.Name, group, StringComparison.Ordinal))?.CurrentSettings;
        var findings = reporter.Lint(records, toggle).Where(f => string.Equals(f.Toggle, toggle, StringComparison.Ordinal)).ToList();
        if (graph?.FindProblem([toggle]) is { } cycle && cycle.Contains(toggle, StringComparison.Ordinal))
        {
            findings.Add(ToggleReporter.CycleFinding(toggle, cycle));
        }

        return new ToggleView(entry, declared, state, overrides, groupSettings, findings);
    }

    public async ValueTask<ToggleCatalogPage> ListAsync(ToggleCatalogQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new ToggleCatalogQuery();
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Page, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, ToggleCatalogQuery.MaxPageSize, nameof(query));
        var report = reporter.CreateSnapshot(await StoredToggles.ListAsync(store, cancellationToken).ConfigureAwait(false));
        var search = query.Search?.Trim();
        var prefix = string.IsNullOrEmpty(query.Namespace) ? null : query.Namespace + ".";
        var matching = report.Entries
            .Where(e => string.IsNullOrEmpty(search)
                || e.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
                || e.Description.Contains(search, StringComparison.OrdinalIgnoreCase))
            .Where(e => prefix is null || e.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Where(e => query.Status is null || e.Status == query.Status)
            .ToList();
        var page = matching.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
        return new ToggleCatalogPage(page, matching.Count, query.Page, query.PageSize);
    }
}
