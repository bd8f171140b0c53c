namespace FeatureFlags.Benchmarks;

internal static class BenchmarkToggles
{
    private static readonly ToggleNamespace Ns = new("bench");

    public static readonly Switch NewCart = Ns.Switch("new_cart", Meta("Benchmark switch."));

    public static readonly Flag Beta = Ns.Flag("beta", Meta("Benchmark flag."));

    public static readonly Flag Premium = Ns.Flag("premium", Meta("Benchmark flag with one custom rule."));

    public static readonly CourseFlag Outline = Ns.CourseFlag("outline", Meta("Benchmark course flag."));

    public static readonly ToggleGroup Release = Ns.Group("release", Meta("Benchmark release group."));

    public static readonly Flag Grouped = Ns.Flag("grouped", new()
    {
        Description = "Benchmark flag in a release group.",
        UseCases = ToggleUseCases.MonitoredRollout,
        CreatedOn = new DateOnly(2026, 11, 1),
        Group = "release",
    });

    public static readonly Flag Dependent = Ns.Flag("dependent", Meta("Benchmark flag with one prerequisite."));

    public static readonly Flag Scheduled = Ns.Flag("scheduled", Meta("Benchmark flag whose rules apply within a schedule."));

    public static ToggleMetadata Meta(string description) => new()
    {
        Description = description,
        UseCases = ToggleUseCases.MonitoredRollout,
        CreatedOn = new DateOnly(2026, 11, 1),
    };
}
