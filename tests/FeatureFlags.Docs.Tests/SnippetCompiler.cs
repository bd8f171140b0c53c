using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FeatureFlags.Docs.Tests;

/// <summary>
/// Compiles README blocks with Roslyn against the assemblies this test runs with (the FeatureFlags libraries, ASP.NET
/// Core, NUnit) and runs the ones whose output the README shows.
/// </summary>
internal static class SnippetCompiler
{
    /// <summary>What <c>ImplicitUsings</c> gives a <c>dotnet new console</c> project.</summary>
    public static readonly string[] ConsoleUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading",
        "System.Threading.Tasks",
    ];

    /// <summary>What <c>ImplicitUsings</c> gives a <c>dotnet new web</c> project (Microsoft.NET.Sdk.Web).</summary>
    public static readonly string[] WebUsings =
    [
        .. ConsoleUsings, "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> Framework = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    private static readonly Lazy<Surroundings> World = new(() => new Surroundings());

    /// <summary>
    /// Compiles a block as its kind says; returns the errors and warnings (empty when it compiles cleanly) and, when
    /// it compiled, the assembly's bytes.
    /// </summary>
    public static (IReadOnlyList<Diagnostic> Problems, byte[]? Image) Compile(ReadmeSnippet snippet, IReadOnlyList<string> installNamespaces)
    {
        var world = World.Value;
        var name = $"ReadmeSnippet{snippet.Line}";
        CSharpCompilation compilation;
        if (snippet.Kind == SnippetKind.Fragment)
        {
            var usings = WebUsings.Concat(installNamespaces).Concat(snippet.Usings).Append("ReadmeWorld").Distinct(StringComparer.Ordinal);
            compilation = CSharpCompilation.Create(
                name,
                [
                    CSharpSyntaxTree.ParseText(WrapFragment(snippet), ParseOptions, path: "Fragment.cs"),
                    CSharpSyntaxTree.ParseText(string.Concat(usings.Select(u => $"global using {u};\n")), ParseOptions, path: "ImplicitUsings.cs"),
                ],
                Framework.Value.Add(world.Reference),
                Options(OutputKind.DynamicallyLinkedLibrary));
        }
        else
        {
            var implicitUsings = snippet.Template switch
            {
                "web" => WebUsings,
                "nunit" => [.. ConsoleUsings, "NUnit.Framework"],
                "xunit" => [.. ConsoleUsings, "Xunit"],
                "mstest" => [.. ConsoleUsings, "Microsoft.VisualStudio.TestTools.UnitTesting"],
                _ => ConsoleUsings,
            };
            if (snippet.Kind == SnippetKind.File)
            {
                // The app under test (Program) and the example toggles a test names come from the README world.
                implicitUsings = [.. implicitUsings, "ReadmeWorld"];
            }

            var references = Framework.Value;
            if (snippet.Kind == SnippetKind.File)
            {
                // A test file lives in a test project that references the app: the README world's Program stands for it.
                references = references.Add(world.Reference);
                references = snippet.Template switch
                {
                    "xunit" => references.Add(world.XunitStubs),
                    "mstest" => references.Add(world.MstestStubs),
                    _ => references,
                };
            }

            compilation = CSharpCompilation.Create(
                name,
                [
                    CSharpSyntaxTree.ParseText($"#line {snippet.Line + 1} \"README.md\"\n{snippet.CompilableCode}", ParseOptions, path: "Program.cs"),
                    CSharpSyntaxTree.ParseText(string.Concat(implicitUsings.Select(u => $"global using {u};\n")), ParseOptions, path: "ImplicitUsings.cs"),
                ],
                references,
                Options(snippet.Kind == SnippetKind.Program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary));
        }

        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var problems = result.Diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .ToList();
        return (problems, result.Success ? image.ToArray() : null);
    }

    /// <summary>Runs a compiled program or script and returns what it wrote to the console.</summary>
    public static async Task<string> RunAsync(ReadmeSnippet snippet, byte[] image)
    {
        var assembly = World.Value.Load(image);
        var original = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            object? result;
            if (snippet.Kind == SnippetKind.Program)
            {
                var entryPoint = assembly.EntryPoint!;
                result = entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
            }
            else
            {
                var fragment = assembly.GetType(FragmentClass, throwOnError: true)!;
                result = fragment.GetMethod(FragmentMethod)!.Invoke(Activator.CreateInstance(fragment), null);
            }

            if (result is Task task)
            {
                await task.ConfigureAwait(false);
            }
        }
        finally
        {
            Console.SetOut(original);
        }

        return output.ToString();
    }

    private const string FragmentClass = "ReadmeFragment";

    private const string FragmentMethod = "RunAsync";

    /// <summary>
    /// Turns a fragment into a file: its using directives first, its statements (in order) into the body of a method of
    /// a class that derives from the README world's Globals (so <c>services</c>, <c>builder</c>, ... are in scope), its
    /// methods into members of that class, its types beside it. <c>#line</c> keeps every diagnostic on its README line.
    /// </summary>
    private static string WrapFragment(ReadmeSnippet snippet)
    {
        var root = CSharpSyntaxTree.ParseText(snippet.CompilableCode, ParseOptions).GetCompilationUnitRoot();
        string Located(SyntaxNode node) =>
            $"#line {snippet.Line + 1 + node.GetLocation().GetLineSpan().StartLinePosition.Line} \"README.md\"\n{node.ToString()}\n";

        var statements = new List<SyntaxNode>();
        var members = new List<SyntaxNode>();
        var types = new List<SyntaxNode>();
        foreach (var member in root.Members)
        {
            switch (member)
            {
                case GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax method }:
                    members.Add(method);
                    break;
                case GlobalStatementSyntax global:
                    statements.Add(global.Statement);
                    break;
                case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or BaseNamespaceDeclarationSyntax:
                    types.Add(member);
                    break;
                default:
                    members.Add(member);
                    break;
            }
        }

        var isAsync = statements.Any(s => s.DescendantNodesAndSelf().Any(n => n is AwaitExpressionSyntax || n.IsKind(SyntaxKind.AwaitKeyword)));
        var text = new System.Text.StringBuilder();
        text.Append(string.Concat(root.Usings.Select(Located)));
        text.Append(CultureInfo.InvariantCulture, $"#line hidden\npublic class {FragmentClass} : ReadmeWorld.Globals\n{{\n");
        text.Append(CultureInfo.InvariantCulture, $"public {(isAsync ? "async " : "")}System.Threading.Tasks.Task {FragmentMethod}()\n{{\n");
        text.Append(string.Concat(statements.Select(Located)));
        text.Append(isAsync ? "#line hidden\n}\n" : "#line hidden\nreturn System.Threading.Tasks.Task.CompletedTask;\n}\n");
        text.Append(string.Concat(members.Select(Located)));
        text.Append("#line hidden\n}\n");
        text.Append(string.Concat(types.Select(Located)));
        return text.ToString();
    }

    // As a project of the .NET SDK compiles: nullable on (the templates' setting), and CS1701/CS1702 (assembly version
    // unification, which the SDK's runtime binding handles) off as the SDK's default NoWarn has them.
    private static CSharpCompilationOptions Options(OutputKind kind) =>
        new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]);

    /// <summary>The README world and the test-framework stand-ins, compiled once and loaded into one context.</summary>
    private sealed class Surroundings : AssemblyLoadContext
    {
        private readonly Dictionary<string, Assembly> _byName = new(StringComparer.Ordinal);

        public Surroundings()
            : base("readme-snippets")
        {
            (Reference, _) = Build("ReadmeWorld", "ReadmeWorld.cs");
            (XunitStubs, _) = Build("xunit.stubs", "XunitStubs.cs");
            (MstestStubs, _) = Build("mstest.stubs", "MstestStubs.cs");
        }

        public MetadataReference Reference { get; }

        public MetadataReference XunitStubs { get; }

        public MetadataReference MstestStubs { get; }

        public Assembly Load(byte[] image)
        {
            var assembly = LoadFromStream(new MemoryStream(image));
            _byName[assembly.GetName().Name!] = assembly;
            return assembly;
        }

        protected override Assembly? Load(AssemblyName assemblyName) =>
            _byName.GetValueOrDefault(assemblyName.Name!);

        private (MetadataReference Reference, Assembly Assembly) Build(string name, string file)
        {
            var source = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "ReadmeWorld", file));
            var compilation = CSharpCompilation.Create(
                name,
                [
                    CSharpSyntaxTree.ParseText(source, ParseOptions, path: file),
                    CSharpSyntaxTree.ParseText(string.Concat(ConsoleUsings.Select(u => $"global using {u};\n")), ParseOptions),
                ],
                Framework.Value,
                Options(OutputKind.DynamicallyLinkedLibrary));
            using var image = new MemoryStream();
            var result = compilation.Emit(image);
            if (!result.Success)
            {
                throw new InvalidOperationException($"{file} does not compile:\n{string.Join('\n', result.Diagnostics)}");
            }

            return (MetadataReference.CreateFromImage(image.ToArray()), Load(image.ToArray()));
        }
    }
}
