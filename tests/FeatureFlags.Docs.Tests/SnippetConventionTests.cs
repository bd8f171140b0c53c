namespace FeatureFlags.Docs.Tests;

/// <summary>
/// The snippet convention itself: a block that stops compiling fails, elisions and output patterns mean what
/// docs/readme-snippets.md says.
/// </summary>
public sealed class SnippetConventionTests
{
    private static readonly string[] InstallNamespaces = ["FeatureFlags", "FeatureFlags.AspNetCore"];

    [Test]
    public void BrokenFragment_FailsNamingTheReadmeLine()
    {
        var snippet = ReadmeSnippets.Parse("# T\n\n```csharp\nservices.AddFeatureToggles().UseSqlit(\"Data Source=toggles.db\");\n```\n").Single();

        var (problems, image) = SnippetCompiler.Compile(snippet, InstallNamespaces);

        Assert.That(image, Is.Null);
        Assert.That(problems.Select(p => p.ToString()), Has.Some.Contains("README.md(4,").And.Contains("UseSqlit"));
    }

    [Test]
    public void Fragment_UsesTheReadmeWorldAndTheInstallNamespaces()
    {
        var snippet = ReadmeSnippets.Parse("```csharp\nservices.AddFeatureToggles().UseSqlite(\"Data Source=toggles.db\");\n```\n").Single();

        var (problems, _) = SnippetCompiler.Compile(snippet, InstallNamespaces);

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Program_GetsNoReadmeWorld()
    {
        var snippet = ReadmeSnippets.Parse("<!-- snippet: program -->\n```csharp\nConsole.WriteLine(toggles);\n```\n").Single();

        var (problems, _) = SnippetCompiler.Compile(snippet, InstallNamespaces);

        Assert.That(problems.Select(p => p.Id), Does.Contain("CS0103"));
    }

    [Test]
    public void ElidedLines_AreLeftOut()
    {
        var snippet = ReadmeSnippets.Parse("```csharp\nvoid M()\n{\n    ...\n}\n```\n").Single();

        Assert.That(SnippetCompiler.Compile(snippet, InstallNamespaces).Problems, Is.Empty);
    }

    [Test]
    public void OutputBlock_BelongsToTheProgramBeforeIt()
    {
        var snippet = ReadmeSnippets.Parse("<!-- snippet: program -->\n```csharp\nConsole.WriteLine(\"a b c\");\n```\nPrints:\n<!-- snippet: output -->\n```text\na ...\n```\n").Single();

        Assert.That((snippet.Run, snippet.ExpectedOutput), Is.EqualTo((true, "a ...")));
    }

    [TestCase("a ...", "a b c", true)]
    [TestCase("a ...", "b c", false)]
    [TestCase("x = 1", "x = 12", false)]
    public void OutputPattern_DotsStandForAnyText(string shown, string printed, bool matches) =>
        Assert.That(System.Text.RegularExpressions.Regex.IsMatch(printed, ReadmeSnippetTests.OutputPattern(shown)), Is.EqualTo(matches));

    [TestCase("<!-- snippet: programme -->")]
    [TestCase("<!-- snippet: not compiled: -->")]
    [TestCase("<!-- snippet: file jest -->")]
    public void UnknownOrIncompleteDirective_Fails(string directive) =>
        Assert.That(() => ReadmeSnippets.Parse($"{directive}\n```csharp\nint x = 1;\n```\n"), Throws.TypeOf<FormatException>());
}
