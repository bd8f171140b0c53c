using System.Reflection;
using System.Runtime.Loader;

namespace FeatureFlags.Cli;

/// <summary>
/// Loads an application's assembly in isolation to read its toggle declarations. FeatureFlags assemblies resolve to the
/// tool's own copies, so the declared toggles are the tool's <see cref="Toggle"/> type; everything else resolves from
/// the application's folder.
/// </summary>
internal sealed class MetadataLoadContext(string assemblyPath) : AssemblyLoadContext("toggles-metadata", isCollectible: true)
{
    private readonly AssemblyDependencyResolver _resolver = new(assemblyPath);

    public static Assembly LoadApplication(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new UsageException($"Assembly '{path}' does not exist.");
        }

        return new MetadataLoadContext(full).LoadFromAssemblyPath(full);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name && (name == "FeatureFlags" || name.StartsWith("FeatureFlags.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)))
        {
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }
}
