namespace FeatureFlags;

/// <summary>
/// The outcome of <see cref="IToggleAdmin.ApplyAsync"/>.
/// </summary>
/// <param name="Problems">What was found wrong, per key; any error means nothing was written.</param>
/// <param name="Applied">Whether the writes were applied.</param>
public sealed record ToggleBatchResult(IReadOnlyList<ToggleImportProblem> Problems, bool Applied)
{
    /// <summary>Gets a value indicating whether any problem is an error, which stops the batch.</summary>
    public bool HasErrors => Problems.Any(p => p.Severity == ToggleLintSeverity.Error);
}
