using System.Reflection;

namespace FeatureFlags;

/// <summary>
/// What the application registered with <see cref="FeatureTogglesBuilder"/>: toggles and assemblies to scan.
/// Shared as one singleton so every call to <c>AddFeatureToggles</c> adds to the same list.
/// </summary>
internal sealed class ToggleRegistrations
{
    public List<Toggle> Toggles { get; } = [];

    public List<Assembly> Assemblies { get; } = [];
}
