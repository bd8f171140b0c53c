namespace FeatureFlags.Cli.Tests;

/// <summary>
/// A release group with two members and a small prerequisite graph, read by the release tests with --assembly
/// (this test assembly).
/// </summary>
public static class ReleaseCliToggles
{
    private static readonly ToggleNamespace Ns = new("release");

    public static readonly ToggleGroup Spring = Ns.Group("spring", Meta("Everything that ships in the spring release."));

    public static readonly Switch NewCart = Ns.Switch("new_cart", Meta("The new cart.", "spring"));

    public static readonly Flag NewSearch = Ns.Flag("new_search", Meta("The new search.", "release.spring"));

    public static readonly Switch Parent = Ns.Switch("parent", Meta("A parent kill switch."));

    public static readonly Flag Child = Ns.Flag("child", Meta("Needs the parent."));

    public static readonly Switch Legacy = Ns.Switch("legacy", Meta("The old path."));

    public static Toggle[] All => [Spring, NewCart, NewSearch, Parent, Child, Legacy];

    private static ToggleMetadata Meta(string description, string? group = null) => new()
    {
        Description = description,
        UseCases = ToggleUseCases.IncrementalRelease,
        CreatedOn = new DateOnly(2026, 12, 1),
        Group = group,
    };
}
