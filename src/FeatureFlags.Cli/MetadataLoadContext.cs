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
    private static readonly Lazy<HashSet<string>> s_platformAssemblies = new(() =>
        [.. ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(n => n.StartsWith("System", StringComparison.Ordinal) || n is "netstandard" or "mscorlib")]);

    private readonly AssemblyDependencyResolver _resolver = new(assemblyPath);

    public static Assembly LoadApplication(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new UsageException($"Assembly '{path}' does not exist.");
        }

        try
        {
            return new MetadataLoadContext(full).LoadFromAssemblyPath(full);
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot load assembly '{path}': {ex.Message}", ex);
        }
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is not { } name)
        {
            return null;
        }

        // Share the tool's own copies (so toggles are the tool's Toggle type); anything the tool lacks, such as
        // FeatureFlags.AspNetCore, comes from the application.
        if ((name == "FeatureFlags" || name.StartsWith("FeatureFlags.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))
            && File.Exists(Path.Combine(AppContext.BaseDirectory, name + ".dll")))
        {
            return null;
        }

        // The runtime's own assemblies (System.*, netstandard, ...) always come from the tool's runtime: loading a second
        // copy into this collectible context from the application's folder fails now and then while other contexts
        // load the same assembly ("An operation is not legal in the current state").
        if (s_platformAssemblies.Value.Contains(name))
        {
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName) ?? FindInSharedFrameworks(name);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    /// <summary>
    /// Finds an assembly of a shared framework the tool does not run on, such as ASP.NET Core's, so that a web
    /// application's types can be read: the newest installed version with the running runtime's major version.
    /// </summary>
    private static string? FindInSharedFrameworks(string name)
    {
        var runtimeFolder = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var shared = runtimeFolder is null ? null : Path.GetDirectoryName(Path.GetDirectoryName(runtimeFolder));
        if (shared is null || !Directory.Exists(shared))
        {
            return null;
        }

        var major = Environment.Version.Major.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".";
        return Directory.EnumerateDirectories(shared)
            .SelectMany(Directory.EnumerateDirectories)
            .Where(version => Path.GetFileName(version).StartsWith(major, StringComparison.Ordinal))
            .OrderByDescending(version => Version.TryParse(Path.GetFileName(version).Split('-')[0], out var v) ? v : new Version())
            .Select(version => Path.Combine(version, name + ".dll"))
            .FirstOrDefault(File.Exists);
    }
}
