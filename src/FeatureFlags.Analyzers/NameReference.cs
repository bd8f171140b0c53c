using Microsoft.CodeAnalysis;

namespace FeatureFlags.Analyzers;

/// <summary>A toggle named by string: a gate, an override, a test case or a request override.</summary>
internal sealed class NameReference(string name, Location location, string usage)
{
    /// <summary>Gets the full name as written.</summary>
    public string Name { get; } = name;

    /// <summary>Gets where it is written.</summary>
    public Location Location { get; } = location;

    /// <summary>Gets what names it, for the message (<c>[ToggleGate]</c>, <c>ToggleOverride.Set</c>, ...).</summary>
    public string Usage { get; } = usage;
}
