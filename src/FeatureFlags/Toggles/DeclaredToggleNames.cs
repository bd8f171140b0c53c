using System.Reflection;

namespace FeatureFlags;

/// <summary>
/// The toggle names declared in the process: toggles held in static fields and properties of the loaded assemblies
/// that reference FeatureFlags (and of the FeatureFlags-referencing assemblies they reference, loaded on demand), plus
/// the names the analyzer records in <c>[assembly: AssemblyMetadata("FeatureFlags.Toggle", ...)]</c>. Used to reject
/// a mistyped name in a by-name override with the nearest declared name, instead of an override that silently
/// matches nothing.
/// </summary>
internal static class DeclaredToggleNames
{
    private const string MetadataKey = "FeatureFlags.Toggle";

    private static readonly Lock s_lock = new();
    private static HashSet<string> s_names = new(StringComparer.Ordinal);
    private static int s_scannedAssemblyCount = -1;

    /// <summary>
    /// Throws when no toggle of the process is declared with <paramref name="fullName"/>, naming the nearest one.
    /// </summary>
    /// <exception cref="ArgumentException">No declared toggle has that name.</exception>
    public static void EnsureDeclared(string fullName, string parameterName)
    {
        var names = Current(rescan: false);
        if (names.Contains(fullName))
        {
            return;
        }

        // Assemblies may have loaded since the last scan (a test project loads the application lazily).
        names = Current(rescan: true);
        if (names.Contains(fullName))
        {
            return;
        }

        var nearest = NameSuggestions.Nearest(fullName, names);
        var hint = nearest is null
            ? names.Count == 0 ? " No toggles are declared in the loaded assemblies." : string.Empty
            : $" Did you mean '{nearest}'?";
        throw new ArgumentException(
            $"No declared toggle is named '{fullName}', so an override of it would change nothing.{hint}", parameterName);
    }

    private static HashSet<string> Current(bool rescan)
    {
        lock (s_lock)
        {
            var loaded = AppDomain.CurrentDomain.GetAssemblies();
            if (s_scannedAssemblyCount < 0 || (rescan && loaded.Length != s_scannedAssemblyCount))
            {
                s_names = Scan(loaded);
                s_scannedAssemblyCount = AppDomain.CurrentDomain.GetAssemblies().Length;
            }

            return s_names;
        }
    }

    private static HashSet<string> Scan(Assembly[] loaded)
    {
        var core = typeof(Toggle).Assembly.GetName().Name;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>(loaded.Where(a => !a.IsDynamic));
        while (pending.TryDequeue(out var assembly))
        {
            if (!seen.Add(assembly.FullName ?? string.Empty))
            {
                continue;
            }

            var references = assembly.GetReferencedAssemblies();
            if (!references.Any(r => string.Equals(r.Name, core, StringComparison.Ordinal)))
            {
                continue;
            }

            foreach (var metadata in assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
            {
                if (metadata.Key == MetadataKey && metadata.Value is { } name)
                {
                    names.Add(name);
                }
            }

            foreach (var (toggle, _) in ToggleRegistry.Discover(assembly, skipFailures: true))
            {
                names.Add(toggle.FullName);
            }

            foreach (var reference in references)
            {
                if (!seen.Contains(reference.FullName) && TryLoad(reference) is { } referenced)
                {
                    pending.Enqueue(referenced);
                }
            }
        }

        return names;
    }

    private static Assembly? TryLoad(AssemblyName name)
    {
        try
        {
            return Assembly.Load(name);
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }
}
