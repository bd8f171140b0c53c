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
    string? ConfigurationOverride = null)
{
    /// <summary>Gets the full name of the release group the toggle belongs to, or null.</summary>
    public string? Group { get; init; }

    /// <summary>Gets, for a release group, the full names of its members (declared toggles naming it), in name order.</summary>
    public IReadOnlyList<string> Members { get; init; } = [];

    /// <summary>Gets the prerequisites of the toggle's stored state.</summary>
    public IReadOnlyList<TogglePrerequisite> Prerequisites { get; init; } = [];

    /// <summary>Gets the full names of the toggles whose stored state requires this one, in name order.</summary>
    public IReadOnlyList<string> Dependants { get; init; } = [];

    /// <summary>Gets every scheduled value of the toggle (its state and its overrides), with whether each is pending, active or expired.</summary>
    public IReadOnlyList<ToggleScheduledState> Schedules { get; init; } = [];
}

/// <summary>A stored value with a schedule, as the report shows it.</summary>
/// <param name="Key">The store key: the toggle's name, or an override's key.</param>
/// <param name="Schedule">When the value applies.</param>
/// <param name="Status">Where the report's time falls relative to the schedule.</param>
public sealed record ToggleScheduledState(string Key, ToggleSchedule Schedule, ToggleScheduleStatus Status);
