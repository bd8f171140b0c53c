using System.Text.RegularExpressions;
using FeatureFlags.TestUtilities;

namespace FeatureFlags.Docs.Tests;

/// <summary>
/// Every C# block of README.md, read from the file when the tests run, compiles; the blocks that show their output
/// print it. The convention for blocks that are not whole programs is in docs/readme-snippets.md.
/// </summary>
public sealed class ReadmeSnippetTests
{
    public static IEnumerable<TestCaseData> CompiledBlocks() =>
        ReadmeSnippets.All.Where(s => s.NotCompiledReason is null).Select(s => new TestCaseData(s.Line).SetName($"Compiles README.md:{s.Line} ({Name(s)})"));

    public static IEnumerable<TestCaseData> RunBlocks() =>
        ReadmeSnippets.All.Where(s => s.Run).Select(s => new TestCaseData(s.Line).SetName($"PrintsItsOutput README.md:{s.Line} ({Name(s)})"));

    [TestCaseSource(nameof(CompiledBlocks))]
    public void Block_Compiles(int line)
    {
        var snippet = ReadmeSnippets.All.Single(s => s.Line == line);

        var (problems, _) = SnippetCompiler.Compile(snippet, ReadmeSnippets.InstallNamespaces(ReadmeSnippets.Readme));

        Assert.That(problems.Select(p => p.ToString()), Is.Empty, $"{snippet} does not compile cleanly:\n{snippet.Code}");
    }

    [TestCaseSource(nameof(RunBlocks))]
    public async Task Block_PrintsTheOutputTheReadmeShows(int line)
    {
        var snippet = ReadmeSnippets.All.Single(s => s.Line == line);
        var (problems, image) = SnippetCompiler.Compile(snippet, ReadmeSnippets.InstallNamespaces(ReadmeSnippets.Readme));
        Assert.That(image, Is.Not.Null, string.Join('\n', problems));

        // A program that opens "toggles.db" opens it in a folder of its own.
        using var folder = new TempFolder("featureflags-readme-");
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = folder.FullName;
        string output;
        try
        {
            output = await SnippetCompiler.RunAsync(snippet, image!);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }

        Assert.That(output.TrimEnd(), Does.Match(OutputPattern(snippet.ExpectedOutput!)), $"{snippet} printed:\n{output}");
    }

    [Test]
    public void Readme_EveryCSharpBlockIsFoundAndCompiled()
    {
        var fences = Regex.Count(ReadmeSnippets.Readme, "^```csharp$", RegexOptions.Multiline);

        Assert.That(ReadmeSnippets.All, Has.Count.EqualTo(fences));
        Assert.That(ReadmeSnippets.All.Where(s => s.NotCompiledReason is not null), Is.Empty, "every block is compiled");
        Assert.That(ReadmeSnippets.All.Count(s => s.Run), Is.GreaterThanOrEqualTo(2), "the console example and the usage example run");
    }

    /// <summary>The shown output as a pattern: each line literally, <c>...</c> standing for any text.</summary>
    internal static string OutputPattern(string expected) =>
        "^" + string.Join("\n", expected.TrimEnd().Split('\n').Select(l => Regex.Escape(l.TrimEnd()).Replace(@"\.\.\.", ".*", StringComparison.Ordinal))) + "$";

    private static string Name(ReadmeSnippet snippet) => $"{snippet.Heading}, {snippet.Kind.ToString().ToLowerInvariant()}";
}
