namespace FeatureFlags;

/// <summary>
/// Reports on declared and stored toggles (OEP-17 requirements 11 and 12) and lints them for toggle debt.
/// </summary>
public interface IToggleReporter
{
    /// <summary>
    /// Builds the report: every declared toggle, plus stored toggles declared nowhere (orphans).
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the store reads.</param>
    /// <returns>The report.</returns>
    ValueTask<ToggleReport> CreateReportAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Lints the toggles: passed removal dates, stale temporary toggles, missing owner or removal date, orphaned stored
    /// state and setting toggles that shadow stored state.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the store reads.</param>
    /// <returns>The findings, most severe first.</returns>
    ValueTask<IReadOnlyList<ToggleLintFinding>> LintAsync(CancellationToken cancellationToken = default);
}
