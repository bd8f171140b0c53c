using Microsoft.CodeAnalysis;

namespace FeatureFlags.Analyzers;

/// <summary>
/// The toggle names declared by referenced assemblies. An assembly built with this analyzer lists its names in
/// <c>[assembly: AssemblyMetadata("FeatureFlags.Toggle", "ns.name")]</c> (written by <see cref="DeclaredTogglesGenerator"/>);
/// one built without it cannot be read, so names it may declare are not reported as unknown.
/// </summary>
internal static class ReferencedToggleNames
{
    public const string ToggleKey = "FeatureFlags.Toggle";
    public const string ListedKey = "FeatureFlags.TogglesListed";

    public static HashSet<string> Read(Compilation compilation, ToggleSymbols symbols, out bool complete)
    {
        complete = true;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            var listed = false;
            foreach (var attribute in assembly.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "AssemblyMetadataAttribute" } && attribute.ConstructorArguments.Length == 2
                    && attribute.ConstructorArguments[0].Value is string key && attribute.ConstructorArguments[1].Value is string value)
                {
                    if (key == ToggleKey)
                    {
                        names.Add(value);
                    }
                    else if (key == ListedKey)
                    {
                        listed = true;
                    }
                }
            }

            if (!listed && complete && ReferencesFeatureFlags(assembly) && DeclaresToggles(assembly.GlobalNamespace, symbols))
            {
                complete = false;
            }
        }

        return names;
    }

    private static bool ReferencesFeatureFlags(IAssemblySymbol assembly)
    {
        foreach (var module in assembly.Modules)
        {
            foreach (var reference in module.ReferencedAssemblies)
            {
                if (reference.Name == "FeatureFlags")
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool DeclaresToggles(INamespaceOrTypeSymbol container, ToggleSymbols symbols)
    {
        foreach (var member in container.GetMembers())
        {
            switch (member)
            {
                case IFieldSymbol { IsStatic: true } field when symbols.IsToggleType(field.Type):
                    return true;
                case INamespaceOrTypeSymbol nested when DeclaresToggles(nested, symbols):
                    return true;
            }
        }

        return false;
    }
}
