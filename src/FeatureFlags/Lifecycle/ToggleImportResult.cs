namespace FeatureFlags;

/// <summary>
/// What an import changed (or would change, in a dry run) and what it found wrong.
/// </summary>
/// <param name="Changes">The differences, by key.</param>
/// <param name="Problems">What is wrong: any error means nothing was written; warnings do not stop the import.</param>
/// <param name="Applied">Whether the changes were written (never in a dry run, never when there is an error).</param>
public sealed record ToggleImportResult(IReadOnlyList<ToggleImportChange> Changes, IReadOnlyList<ToggleImportProblem> Problems, bool Applied)
{
    /// <summary>
    /// Gets a fingerprint of the planned writes: every difference and the stored version it was computed from. Pass a
    /// dry run's plan as <see cref="ToggleImportOptions.ExpectedPlan"/> to apply exactly what was reviewed.
    /// </summary>
    public string Plan { get; init; } = string.Empty;
}

/// <summary>
/// One difference between an export and the target store.
/// </summary>
/// <param name="Key">The store key.</param>
/// <param name="Kind">Added, Updated or Deleted.</param>
/// <param name="Before">The target's value before, if any.</param>
/// <param name="After">The value after, if any.</param>
public sealed record ToggleImportChange(string Key, ToggleImportChangeKind Kind, string? Before, string? After);

/// <summary>
/// A problem found in an import document.
/// </summary>
/// <param name="Key">The key concerned.</param>
/// <param name="Severity">Warning (imported anyway) or Error (skipped).</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Code">For an error, what kind of failure it is (for example <see cref="ToggleErrorCode.AccessDenied"/>); <see langword="null"/> for a warning.</param>
public sealed record ToggleImportProblem(string Key, ToggleLintSeverity Severity, string Message, ToggleErrorCode? Code = null);

/// <summary>
/// The kind of an import difference.
/// </summary>
public enum ToggleImportChangeKind
{
    /// <summary>The key is new to the target.</summary>
    Added,

    /// <summary>The key's value differs.</summary>
    Updated,

    /// <summary>The key exists only in the target and is removed (with <see cref="ToggleImportOptions.DeleteMissing"/>).</summary>
    Deleted,
}
