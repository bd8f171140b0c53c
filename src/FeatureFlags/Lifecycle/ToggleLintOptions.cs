namespace FeatureFlags;

/// <summary>
/// Options of the toggle linter.
/// </summary>
public sealed class ToggleLintOptions
{
    /// <summary>
    /// Gets the expected lifetime of each temporary use case; a toggle whose use cases are all temporary is stale once
    /// the longest of its lifetimes has passed since its created-on date.
    /// </summary>
    /// <value>The default values are 90 days for incremental release and launch date, 60 for monitored rollout and 120 for beta testing.</value>
    public IDictionary<ToggleUseCases, TimeSpan> ExpectedLifetimes { get; } = new Dictionary<ToggleUseCases, TimeSpan>
    {
        [ToggleUseCases.IncrementalRelease] = TimeSpan.FromDays(90),
        [ToggleUseCases.LaunchDate] = TimeSpan.FromDays(90),
        [ToggleUseCases.MonitoredRollout] = TimeSpan.FromDays(60),
        [ToggleUseCases.BetaTesting] = TimeSpan.FromDays(120),
    };

    /// <summary>
    /// Gets or sets a value indicating whether a declared toggle without an owner is reported.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RequireOwner { get; set; } = true;

    /// <summary>
    /// Gets the environments (compared without regard to case) treated as production: there, a configuration override
    /// (<c>FeatureToggles:Overrides</c>) that hides stored state is a warning rather than information.
    /// </summary>
    /// <value>The default value is a list holding <c>Production</c>.</value>
    public IList<string> ProductionEnvironments { get; } = ["Production"];

    /// <summary>
    /// Gets or sets the name of the environment the linter runs in, compared with <see cref="ProductionEnvironments"/>;
    /// <see langword="null"/> uses the host's <c>IHostEnvironment.EnvironmentName</c> when there is one.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? EnvironmentName { get; set; }
}
