using System.Text.RegularExpressions;

namespace FeatureFlags.Docs.Tests;

/// <summary>
/// What the README says besides its code: links that lead somewhere, no promises of work that is not there, and the
/// Switch alias it recommends resolving the clash it describes.
/// </summary>
public sealed partial class ReadmeTextTests
{
    [Test]
    public void Links_ReachAFileOrAHeadingThatExists()
    {
        var readme = ReadmeSnippets.Readme;
        var root = ReadmeSnippets.RepositoryRoot();
        var anchors = Regex.Matches(readme, "^#+ (.+)$", RegexOptions.Multiline).Select(m => Slug(m.Groups[1].Value)).ToHashSet();

        var broken = MarkdownLink().Matches(WithoutCodeBlocks(readme))
            .Select(m => m.Groups[1].Value)
            .Where(target => !target.Contains("://", StringComparison.Ordinal))
            .Where(target => target.StartsWith('#')
                ? !anchors.Contains(target[1..])
                : !Path.Exists(Path.Combine(root, target.Split('#')[0])))
            .ToList();

        Assert.That(broken, Is.Empty);
    }

    [Test]
    public void Readme_PromisesNothingForLater() =>
        Assert.That(Regex.Matches(ReadmeSnippets.Readme, @"not built yet|coming soon|\bTODO\b|\bTBD\b|(?<!or )\blater\)", RegexOptions.IgnoreCase).Select(m => m.Value), Is.Empty);

    [Test]
    public void SwitchAlias_ResolvesTheClashWithSystemDiagnostics()
    {
        var alias = ReadmeSnippets.All.Single(s => s.Code.Contains("using Switch = FeatureFlags.Switch;", StringComparison.Ordinal));
        const string use = "\nSwitch? declared = null;\nSystem.Console.WriteLine(declared?.FullName);\n";
        var withAlias = alias with { Code = alias.Code + use };
        var withoutAlias = alias with { Code = alias.Code.Replace("using Switch = FeatureFlags.Switch;", "", StringComparison.Ordinal) + use };

        Assert.That(SnippetCompiler.Compile(withAlias, ["FeatureFlags"]).Problems, Is.Empty);
        Assert.That(SnippetCompiler.Compile(withoutAlias, ["FeatureFlags"]).Problems.Select(p => p.Id), Does.Contain("CS0104"));
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation other than '-' and '_' dropped, spaces to '-'.</summary>
    private static string Slug(string heading) =>
        Regex.Replace(heading.Trim().ToLowerInvariant(), @"[^\p{L}\p{N}\- _]", "").Replace(' ', '-');

    private static string WithoutCodeBlocks(string readme) => Regex.Replace(readme, "(?ms)^```.*?^```", "");

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
