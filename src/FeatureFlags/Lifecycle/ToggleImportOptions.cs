namespace FeatureFlags;

/// <summary>
/// How an import runs.
/// </summary>
public sealed class ToggleImportOptions
{
    /// <summary>
    /// Gets or sets who imports; the audit records <c>import by {Actor}</c>.
    /// </summary>
    public required ToggleActor Actor { get; set; }

    /// <summary>
    /// Gets or sets why, for the audit.
    /// </summary>
    /// <value>The default value is <c>import</c>.</value>
    public string Reason { get; set; } = "import";

    /// <summary>
    /// Gets or sets a value indicating whether only the differences are computed and nothing is written.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool DryRun { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether keys stored here but absent from the document are deleted, so this store
    /// ends up identical to the exported one.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool DeleteMissing { get; set; }

    /// <summary>
    /// Gets or sets the <see cref="ToggleImportResult.Plan"/> of the dry run the caller reviewed. When set, the import
    /// is refused (<see cref="ToggleErrorCode.Conflict"/>, nothing written) if the store changed since, so that a change
    /// made by someone else after the review is never silently undone.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: apply the differences as they are now.</value>
    public string? ExpectedPlan { get; set; }
}
