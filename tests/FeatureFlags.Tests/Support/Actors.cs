namespace FeatureFlags.Tests.Support;

internal static class Actors
{
    public static readonly ToggleActor Operator = new("operator");

    public static readonly ToggleActor ReleaseManager = new("rm", "release-managers");
}
