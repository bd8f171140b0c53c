namespace FeatureFlags;

/// <summary>
/// One toggle in the report, with OEP-17's report fields.
/// </summary>
/// <param name="Name">The full name.</param>
/// <param name="Description">The declared description; empty for an orphan.</param>
/// <param name="Implementation">The declared type, or the stored kind for an orphan.</param>
/// <param name="UseCases">The declared use cases.</param>
/// <param name="CreatedOn">The declared created-on date; <see langword="null"/> for an orphan.</param>
/// <param name="TargetRemovalOn">The declared target removal date, if any.</param>
/// <param name="CurrentSettings">A readable summary of stored rules and override counts.</param>
/// <param name="FirstModified">When the toggle's state was first written, from the audit.</param>
/// <param name="LastModified">When the toggle's state was last written, from the audit.</param>
/// <param name="Status">On, off, or both.</param>
/// <param name="IsOrphan">Whether the state is stored but no declaration exists in this process.</param>
/// <param name="Owner">The declared owner, if any.</param>
/// <param name="ConfigurationOverride">The override in the application's configuration (<c>FeatureToggles:Overrides</c>)
/// that answers before the stored state, such as <c>on (FeatureToggles:Overrides:checkout.new_cart)</c>; <see langword="null"/> when none.</param>
public sealed record ToggleReportEntry(
    string Name,
    string Description,
    string Implementation,
    ToggleUseCases UseCases,
    DateOnly? CreatedOn,
    DateOnly? TargetRemovalOn,
    string CurrentSettings,
    DateTimeOffset? FirstModified,
    DateTimeOffset? LastModified,
    ToggleStatus Status,
    bool IsOrphan,
    string? Owner,
    string? ConfigurationOverride = null);
