using Microsoft.CodeAnalysis;

namespace FeatureFlags.Analyzers;

/// <summary>The FeatureFlags types the analyzer looks for, resolved once per compilation.</summary>
internal sealed class ToggleSymbols
{
    private ToggleSymbols(Compilation compilation, INamedTypeSymbol toggleNamespace, INamedTypeSymbol toggle)
    {
        ToggleNamespace = toggleNamespace;
        Toggle = toggle;
        Toggles = compilation.GetTypeByMetadataName("FeatureFlags.IToggles");
        ToggleOverride = compilation.GetTypeByMetadataName("FeatureFlags.ToggleOverride");
        GateAttribute = compilation.GetTypeByMetadataName("FeatureFlags.AspNetCore.ToggleGateAttribute");
        GateExtensions = compilation.GetTypeByMetadataName("FeatureFlags.AspNetCore.ToggleGateEndpointConventionBuilderExtensions");
        OverrideAttribute = compilation.GetTypeByMetadataName("FeatureFlags.Testing.OverrideToggleAttribute");
        TestCases = compilation.GetTypeByMetadataName("FeatureFlags.Testing.ToggleTestCases");
        DateOnly = compilation.GetTypeByMetadataName("System.DateOnly");
    }

    public INamedTypeSymbol ToggleNamespace { get; }

    public INamedTypeSymbol Toggle { get; }

    public INamedTypeSymbol? Toggles { get; }

    public INamedTypeSymbol? ToggleOverride { get; }

    public INamedTypeSymbol? GateAttribute { get; }

    public INamedTypeSymbol? GateExtensions { get; }

    public INamedTypeSymbol? OverrideAttribute { get; }

    public INamedTypeSymbol? TestCases { get; }

    public INamedTypeSymbol? DateOnly { get; }

    /// <summary>Returns the symbols, or <see langword="null"/> when the compilation does not use FeatureFlags.</summary>
    public static ToggleSymbols? Create(Compilation compilation)
    {
        var ns = compilation.GetTypeByMetadataName("FeatureFlags.ToggleNamespace");
        var toggle = compilation.GetTypeByMetadataName("FeatureFlags.Toggle");
        return ns is null || toggle is null ? null : new ToggleSymbols(compilation, ns, toggle);
    }

    public bool IsToggleType(ITypeSymbol? type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, Toggle))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Is(ISymbol? symbol, INamedTypeSymbol? type)
        => type is not null && SymbolEqualityComparer.Default.Equals(symbol, type);
}
