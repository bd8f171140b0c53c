namespace FeatureFlags.Benchmarks;

internal static class BenchmarkToggles
{
    private static readonly ToggleNamespace Ns = new("bench");

    public static readonly Switch NewCart = Ns.Switch("new_cart", Meta("Benchmark switch."));

    public static readonly Flag Beta = Ns.Flag("beta", Meta("Benchmark flag."));

    public static readonly Flag Premium = Ns.Flag("premium", Meta("Benchmark flag with one custom rule."));

    public static readonly CourseFlag Outline = Ns.CourseFlag("outline", Meta("Benchmark course flag."));

    public static ToggleMetadata Meta(string description) => new()
    {
        Description = description,
        UseCases = ToggleUseCases.MonitoredRollout,
        CreatedOn = new DateOnly(2026, 11, 1),
    };
}
