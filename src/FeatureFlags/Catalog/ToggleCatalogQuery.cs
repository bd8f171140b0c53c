namespace FeatureFlags;

/// <summary>A filter and a page of <see cref="IToggleCatalog.ListAsync"/>.</summary>
public sealed record ToggleCatalogQuery
{
    /// <summary>The largest page size accepted.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Gets the text a toggle's name or description must contain (ignoring case), or <see langword="null"/> for any.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Search { get; init; }

    /// <summary>Gets the namespace the toggles must belong to, or <see langword="null"/> for any.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Namespace { get; init; }

    /// <summary>Gets the computed status the toggles must have, or <see langword="null"/> for any.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ToggleStatus? Status { get; init; }

    /// <summary>Gets the page, from 1.</summary>
    /// <value>The default value is 1.</value>
    public int Page { get; init; } = 1;

    /// <summary>Gets how many toggles a page holds, from 1 to <see cref="MaxPageSize"/>.</summary>
    /// <value>The default value is 100.</value>
    public int PageSize { get; init; } = 100;
}

/// <summary>One page of toggles.</summary>
/// <param name="Entries">The toggles of the page, in name order.</param>
/// <param name="Total">How many toggles match the query in all.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">The page size asked for.</param>
public sealed record ToggleCatalogPage(IReadOnlyList<ToggleReportEntry> Entries, int Total, int Page, int PageSize)
{
    /// <summary>Gets how many pages the matching toggles fill (at least 1).</summary>
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
