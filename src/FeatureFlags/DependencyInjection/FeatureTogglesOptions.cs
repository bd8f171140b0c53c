namespace FeatureFlags;

/// <summary>
/// Options of the toggle services, validated once at start-up.
/// </summary>
public sealed class FeatureTogglesOptions
{
    /// <summary>
    /// Gets or sets the configuration section that <see cref="SettingToggle"/>s read by default: <c>{section}:{full name}</c>.
    /// </summary>
    /// <value>The default value is <c>FeatureToggles</c>.</value>
    public string ConfigurationSection { get; set; } = "FeatureToggles";

    /// <summary>
    /// Gets or sets a value indicating whether <see cref="ToggleContext.RequestOverrides"/> are honoured for every toggle.
    /// Turn it on only in test environments. Flags whose rules set <see cref="FlagRules.Testing"/> honour them even
    /// while this is off.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool EnableRequestOverrides { get; set; }

    /// <summary>
    /// Gets or sets how long the first evaluation waits for the store to load; after that, code defaults are served
    /// until the load completes in the background.
    /// </summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan StartupLoadTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how long one background read of the store may take before it is abandoned and counted as a failure.
    /// </summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan StoreOperationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets the first delay before reloading after the store failed; it doubles on each failure up to
    /// <see cref="MaxStoreRetryDelay"/>. Any sign that the store answers again (its change feed reconnecting, a change
    /// notification, a successful write through this process) ends the wait at once.
    /// </summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan StoreRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets the longest delay between reload attempts while the store is unavailable and nothing is heard from it.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan MaxStoreRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the longest reason accepted for the audit, in characters. Reasons must also be one line without
    /// control or bidirectional formatting characters.
    /// </summary>
    /// <value>The default value is 1,000 characters.</value>
    public int MaxReasonLength { get; set; } = 1000;

    /// <summary>
    /// Gets or sets how organisation keys are compared: on write (an override for <c>edX</c> replaces the one stored
    /// for <c>edx</c>), on lookup (of an organisation flag, and of a course flag through its course's organisation) and
    /// in reports. edx stores organisations in a case-insensitive column, hence the default.
    /// </summary>
    /// <value>The default value is <see cref="StringComparer.OrdinalIgnoreCase"/>. Comparers other than the ordinal
    /// ones cost one string allocation per course-flag lookup.</value>
    public StringComparer OrganizationComparer { get; set; } = StringComparer.OrdinalIgnoreCase;

    /// <summary>
    /// Gets the options of the linter (<see cref="IToggleReporter.LintAsync"/>).
    /// </summary>
    public ToggleLintOptions Lint { get; } = new();
}
