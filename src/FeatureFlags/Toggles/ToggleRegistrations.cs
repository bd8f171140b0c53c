using System.Reflection;

namespace FeatureFlags;

/// <summary>
/// What the application registered with <see cref="FeatureTogglesBuilder"/>: toggles, assemblies to scan and custom rules.
/// Shared as one singleton so every call to <c>AddFeatureToggles</c> adds to the same list.
/// </summary>
internal sealed class ToggleRegistrations
{
    public List<Toggle> Toggles { get; } = [];

    public List<Assembly> Assemblies { get; } = [];

    /// <summary>Gets the custom rules by name, each created from the container on first use.</summary>
    public Dictionary<string, Func<IServiceProvider, IToggleRule>> Rules { get; } = new(StringComparer.Ordinal);
}
