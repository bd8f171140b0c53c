namespace FeatureFlags;

/// <summary>
/// Exports the whole stored state to one JSON document and imports it into another store, for example to make a
/// developer's fresh database match staging.
/// </summary>
public interface IToggleStateTransfer
{
    /// <summary>
    /// Exports every stored key (rules and overrides) with its value and version.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The JSON document.</returns>
    ValueTask<string> ExportAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Compares an export with this store and, unless <see cref="ToggleImportOptions.DryRun"/> is set, applies the
    /// differences through audited, versioned writes. Invalid entries are reported and skipped, never silently dropped.
    /// </summary>
    /// <param name="json">An export document.</param>
    /// <param name="options">Who imports, and how.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The changes and the problems found.</returns>
    /// <exception cref="FormatException">The document is not an export of a supported format.</exception>
    ValueTask<ToggleImportResult> ImportAsync(string json, ToggleImportOptions options, CancellationToken cancellationToken = default);
}
