namespace FeatureFlags.Tests.Toggles;

/// <summary>
/// Toggles found by assembly scanning in <see cref="ToggleRegistryTests"/>.
/// </summary>
internal static class DiscoverableToggles
{
    private static readonly ToggleNamespace Ns = new("discovery");

    public static Switch PropertyDeclared { get; } = Ns.Switch("from_property", Support.TestToggles.Meta("Declared in a property.", ToggleUseCases.LaunchDate));

    internal static readonly Flag FieldDeclared = Ns.Flag("from_field", Support.TestToggles.Meta("Declared in a field.", ToggleUseCases.BetaTesting));
}
