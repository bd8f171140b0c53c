
namespace FeatureFlags;

/// <summary>
/// One page of a toggle's audit, newest first.
/// </summary>
/// <param name="Entries">The audit rows of this page, newest first.</param>
/// <param name="NextBeforeVersion">The cursor for the next (older) page, or <see langword="null"/> when this page is the last.</param>
public sealed record ToggleHistoryPage(IReadOnlyList<ToggleAuditEntry> Entries, long? NextBeforeVersion)
{
    /// <summary>The number of rows a page holds unless the caller asks for another number.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The most rows one page may hold.</summary>
    public const int MaxLimit = 1000;
}
