using Microsoft.CodeAnalysis;

namespace FeatureFlags.Analyzers;

/// <summary>One <c>ns.Switch("name", ...)</c> (or Flag, CourseFlag, OrgFlag, Setting) call found in source.</summary>
internal sealed class ToggleDeclaration(IFieldSymbol? field, IFieldSymbol? namespaceField, string? namespaceName, string name, Location location)
{
    /// <summary>Gets the field the declaration initializes, if it is a field initializer.</summary>
    public IFieldSymbol? Field { get; } = field;

    /// <summary>Gets the <c>ToggleNamespace</c> field the declaration is made on, if any.</summary>
    public IFieldSymbol? NamespaceField { get; } = namespaceField;

    /// <summary>Gets the namespace when it is written inline (<c>new ToggleNamespace("x").Switch(...)</c>).</summary>
    public string? NamespaceName { get; } = namespaceName;

    /// <summary>Gets the toggle's name within its namespace (already valid).</summary>
    public string Name { get; } = name;

    /// <summary>Gets the location of the name argument, where diagnostics about the declaration go.</summary>
    public Location Location { get; } = location;
}
