using System.Collections.Immutable;
using System.Runtime.InteropServices;
using FeatureFlags.AspNetCore;
using FeatureFlags.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace FeatureFlags.Analyzers.Tests.Support;

/// <summary>
/// What test sources compile against. The test framework's own reference sets download targeting packs; here the
/// sources compile against the running SDK's targeting packs (.NET and ASP.NET Core, the version of the running
/// runtime) plus the built FeatureFlags assemblies and NUnit, so nothing is fetched and the real API is checked.
/// </summary>
internal static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> All = new(Load);

    /// <summary>Gets an empty reference set (nothing to resolve); <see cref="Assemblies"/> adds the real ones.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> Assemblies => All.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        var paths = new List<string>();
        paths.AddRange(TargetingPack("Microsoft.NETCore.App", typeof(object).Assembly.Location));
        paths.AddRange(TargetingPack("Microsoft.AspNetCore.App", typeof(Microsoft.AspNetCore.Builder.WebApplication).Assembly.Location));
        paths.Add(typeof(Toggle).Assembly.Location);
        paths.Add(typeof(ToggleGateAttribute).Assembly.Location);
        paths.Add(typeof(OverrideToggleAttribute).Assembly.Location);
        paths.Add(typeof(TestAttribute).Assembly.Location);
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }

    /// <summary>
    /// The reference assemblies of a shared framework from the SDK's packs folder, for the running runtime's version;
    /// the runtime's implementation assemblies if the pack is missing.
    /// </summary>
    private static IEnumerable<string> TargetingPack(string framework, string runtimeAssembly)
    {
        var runtimeDirectory = Path.GetDirectoryName(runtimeAssembly)!;
        var version = Path.GetFileName(runtimeDirectory);
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var pack = Path.Combine(dotnetRoot, "packs", framework + ".Ref", version, "ref", "net" + Environment.Version.ToString(2));
        var directory = Directory.Exists(pack) ? pack : runtimeDirectory;
        return Directory.EnumerateFiles(directory, "*.dll").Where(IsManaged);
    }

    private static bool IsManaged(string path)
    {
        try
        {
            _ = System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    public static string Describe() => RuntimeInformation.FrameworkDescription;
}
