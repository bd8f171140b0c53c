namespace FeatureFlags.Tests.Support;

/// <summary>
/// Toggles shared by the tests. Each test builds its own harness, so stored state never leaks between tests.
/// </summary>
internal static class TestToggles
{
    public static readonly DateOnly Created = new(2026, 1, 15);

    private static readonly ToggleNamespace Ns = new("tests");

    public static readonly Switch Kill = Ns.Switch("kill", Meta("Kill switch for the expensive widget.", ToggleUseCases.CircuitBreaker));

    public static readonly Switch DefaultOn = Ns.Switch("default_on", Meta("A switch whose code default is on.", ToggleUseCases.OptOut, defaultValue: true));

    public static readonly Flag Beta = Ns.Flag("beta", Meta("New dashboard for beta users.", ToggleUseCases.BetaTesting));

    public static readonly CourseFlag Outline = Ns.CourseFlag("outline", Meta("New course outline.", ToggleUseCases.IncrementalRelease));

    public static readonly OrgFlag Pilot = Ns.OrgFlag("pilot", Meta("Pilot programme for enterprise customers.", ToggleUseCases.BetaTesting));

    public static readonly SettingToggle Legacy = Ns.Setting("legacy_export", Meta("Keeps the legacy export.", ToggleUseCases.OpenEdxOption));

    public static readonly Switch Guarded = Ns.Switch("guarded", new ToggleMetadata
    {
        Description = "Billing switch that only release managers may change.",
        UseCases = ToggleUseCases.LaunchDate,
        CreatedOn = Created,
        EditorRoles = ["release-managers"],
    });

    public static Toggle[] All => [Kill, DefaultOn, Beta, Outline, Pilot, Legacy, Guarded];

    public static ToggleMetadata Meta(string description, ToggleUseCases useCases, bool defaultValue = false) => new()
    {
        Description = description,
        UseCases = useCases,
        CreatedOn = Created,
        DefaultValue = defaultValue,
    };
}
