namespace FeatureFlags.Tests.Lifecycle;

/// <summary>
/// Toggles with known dates for report and lint tests; "today" in those tests is 2026-11-22.
/// </summary>
internal static class LifecycleToggles
{
    private static readonly ToggleNamespace Ns = new("lifecycle");

    public static readonly Switch Expired = Ns.Switch("expired", new ToggleMetadata
    {
        Description = "Was due out in October.",
        UseCases = ToggleUseCases.LaunchDate,
        CreatedOn = new DateOnly(2026, 9, 1),
        TargetRemovalOn = new DateOnly(2026, 10, 31),
        Owner = "web",
    });

    public static readonly Flag Stale = Ns.Flag("stale_rollout", new ToggleMetadata
    {
        Description = "A rollout that never finished.",
        UseCases = ToggleUseCases.MonitoredRollout,
        CreatedOn = new DateOnly(2026, 6, 1),
        TargetRemovalOn = new DateOnly(2027, 6, 1),
        Owner = "platform",
    });

    public static readonly Flag Fresh = Ns.Flag("fresh_beta", new ToggleMetadata
    {
        Description = "A beta started this month.",
        UseCases = ToggleUseCases.BetaTesting,
        CreatedOn = new DateOnly(2026, 11, 1),
    });

    public static readonly Switch KillSwitch = Ns.Switch("kill_switch", new ToggleMetadata
    {
        Description = "Long-lived circuit breaker.",
        UseCases = ToggleUseCases.CircuitBreaker | ToggleUseCases.MonitoredRollout,
        CreatedOn = new DateOnly(2024, 1, 1),
        Owner = "sre",
        DefaultValue = true,
    });

    public static readonly SettingToggle Shadowed = Ns.Setting("shadowed_setting", new ToggleMetadata
    {
        Description = "Configuration toggle with leftover stored rules.",
        UseCases = ToggleUseCases.OpenEdxOption,
        CreatedOn = new DateOnly(2026, 1, 1),
        Owner = "ops",
    });

    public static readonly CourseFlag Pilot = Ns.CourseFlag("course_pilot", new ToggleMetadata
    {
        Description = "Course pilot, with overrides.",
        UseCases = ToggleUseCases.OptOut,
        CreatedOn = new DateOnly(2026, 3, 1),
        Owner = "learning",
    });

    public static Toggle[] All => [Expired, Stale, Fresh, KillSwitch, Shadowed, Pilot];
}
