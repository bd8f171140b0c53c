namespace FeatureFlags.Tests.Support;

/// <summary>
/// A release group with members of every stored kind, a toggle outside it, and a small graph for prerequisites.
/// </summary>
internal static class ReleaseToggles
{
    private static readonly ToggleNamespace Ns = new("releases");

    public static readonly ToggleGroup R1 = Ns.Group("release_1_0", Meta("Everything that ships with release 1.0."));

    public static readonly Switch Checkout = Ns.Switch("new_checkout", Meta("New checkout.", group: "release_1_0"));

    public static readonly Flag Search = Ns.Flag("new_search", Meta("New search.", group: "releases.release_1_0"));

    public static readonly CourseFlag Outline = Ns.CourseFlag("new_outline", Meta("New course outline.", group: "release_1_0"));

    public static readonly Switch Outsider = Ns.Switch("outsider", Meta("Not in any group."));

    public static readonly Switch Parent = Ns.Switch("parent", Meta("Parent kill switch."));

    public static readonly Flag Child = Ns.Flag("child", Meta("Needs the parent."));

    public static readonly Flag Grandchild = Ns.Flag("grandchild", Meta("Needs the child."));

    public static readonly Switch Legacy = Ns.Switch("legacy", Meta("The old path."));

    public static readonly CourseFlag CourseParent = Ns.CourseFlag("course_parent", Meta("Per-course parent."));

    public static readonly CourseFlag CourseChild = Ns.CourseFlag("course_child", Meta("Per-course child."));

    public static Toggle[] All => [R1, Checkout, Search, Outline, Outsider, Parent, Child, Grandchild, Legacy, CourseParent, CourseChild];

    public static ToggleMetadata Meta(string description, string? group = null, DateOnly? removal = null) => new()
    {
        Description = description,
        UseCases = ToggleUseCases.IncrementalRelease,
        CreatedOn = TestToggles.Created,
        TargetRemovalOn = removal,
        Group = group,
    };
}
