namespace FeatureFlags;

/// <summary>
/// Reports on declared and stored toggles (OEP-17 requirements 11 and 12) and lints them for toggle debt.
/// </summary>
public interface IToggleReporter
{
    /// <summary>
    /// Builds the report: every declared toggle, plus stored toggles declared nowhere (orphans). It reads the stored
    /// state once and every key's first and last modified time once (<see cref="Storage.IToggleStore.GetModifiedTimesAsync"/>),
    /// never a toggle's history and never the process cache.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the store reads.</param>
    /// <returns>The report.</returns>
    ValueTask<ToggleReport> CreateReportAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Builds the report of some toggles only, such as the one a user asked to see: each named toggle that is declared or
    /// stored, in name order (names that are neither are left out). It reads only those toggles' keys (and the key of a
    /// member's release group) and their first and last modified times, so its cost does not grow with the number of
    /// toggles or the audit. <see cref="ToggleReportEntry.Dependants"/> is left empty: the toggles that require one are
    /// found only in every toggle's state, which <see cref="CreateReportAsync(CancellationToken)"/> reads.
    /// </summary>
    /// <param name="toggles">The toggles' full names.</param>
    /// <param name="cancellationToken">A token to cancel the store reads.</param>
    /// <returns>The report, with an entry per named toggle that is declared or stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="toggles"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A name is not a valid full name.</exception>
    ValueTask<ToggleReport> CreateReportAsync(IReadOnlyCollection<string> toggles, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lints the toggles: passed removal dates, stale temporary toggles, missing owner or removal date, orphaned stored
    /// state and setting toggles that shadow stored state.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the store reads.</param>
    /// <returns>The findings, most severe first.</returns>
    ValueTask<IReadOnlyList<ToggleLintFinding>> LintAsync(CancellationToken cancellationToken = default);
}
