using System.Text.RegularExpressions;

namespace FeatureFlags.Docs.Tests;

/// <summary>
/// Reads the C# blocks of the repository's README.md, at test time, with the snippet convention of
/// docs/readme-snippets.md.
/// </summary>
internal static partial class ReadmeSnippets
{
    private static readonly Lazy<string> ReadmeText = new(() => File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")));

    public static string Readme => ReadmeText.Value;

    public static IReadOnlyList<ReadmeSnippet> All => Parse(Readme);

    /// <summary>
    /// The namespaces the README's Install table lists, the ones a reader adds for the packages of the table.
    /// </summary>
    public static IReadOnlyList<string> InstallNamespaces(string readme)
    {
        var section = Regex.Match(readme, @"(?ms)^## Install\n(.*?)^## ").Groups[1].Value;
        return section.Split('\n')
            .Where(line => line.StartsWith('|') && !line.StartsWith("|---", StringComparison.Ordinal))
            .Select(line => line.TrimEnd().TrimEnd('|').Split('|')[^1])
            .SelectMany(cell => NamespaceInCell().Matches(cell).Select(match => match.Groups[1].Value))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    public static IReadOnlyList<ReadmeSnippet> Parse(string readme)
    {
        var lines = readme.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var snippets = new List<ReadmeSnippet>();
        var heading = "(top)";
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith('#'))
            {
                heading = lines[i].TrimStart('#').Trim();
                continue;
            }

            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var language = lines[i][3..].Trim();
            var start = i;
            var end = Array.FindIndex(lines, start + 1, line => line.StartsWith("```", StringComparison.Ordinal));
            if (end < 0)
            {
                throw new FormatException($"README.md:{start + 1}: a code block is never closed.");
            }

            i = end;
            var directive = Directive(lines, start);
            if (language == "text" && directive == "output")
            {
                if (snippets.Count == 0 || snippets[^1].Kind != SnippetKind.Program)
                {
                    throw new FormatException($"README.md:{start + 1}: an output block must follow a program block.");
                }

                snippets[^1] = snippets[^1] with { Run = true, ExpectedOutput = string.Join('\n', lines[(start + 1)..end]) };
                continue;
            }

            if (language != "csharp")
            {
                continue;
            }

            snippets.Add(Create(start + 1, heading, string.Join('\n', lines[(start + 1)..end]), directive));
        }

        return snippets;
    }

    private static ReadmeSnippet Create(int line, string heading, string code, string? directive)
    {
        var kind = SnippetKind.Fragment;
        string? template = null;
        var usings = new List<string>();
        var run = false;
        string? notCompiled = null;
        foreach (var part in (directive ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = part.Split(' ', 2, StringSplitOptions.TrimEntries);
            switch (words[0])
            {
                case "fragment":
                    break;
                case "program":
                    kind = SnippetKind.Program;
                    template = words.Length > 1 ? words[1] : "console";
                    break;
                case "file":
                    kind = SnippetKind.File;
                    template = words.Length > 1 ? words[1] : "nunit";
                    break;
                case "run":
                    run = true;
                    break;
                case "usings:":
                    usings.AddRange(words[1].Split(',', StringSplitOptions.TrimEntries));
                    break;
                case "not" when part.StartsWith("not compiled:", StringComparison.Ordinal):
                    notCompiled = part["not compiled:".Length..].Trim();
                    break;
                default:
                    throw new FormatException($"README.md:{line}: unknown snippet directive '{part}'.");
            }
        }

        if (notCompiled is { Length: 0 })
        {
            throw new FormatException($"README.md:{line}: 'not compiled:' needs a reason.");
        }

        if (template is not (null or "console" or "web" or "nunit" or "xunit" or "mstest"))
        {
            throw new FormatException($"README.md:{line}: unknown template '{template}'.");
        }

        // A fragment marked run shows its output in the comment of each Console.WriteLine line.
        var expected = run
            ? string.Join('\n', code.Split('\n')
                .Select(l => WriteLineComment().Match(l))
                .Where(m => m.Success)
                .Select(m => m.Groups[1].Value))
            : null;
        return new ReadmeSnippet(line, heading, code, kind, template, usings, run, expected, notCompiled);
    }

    private static string? Directive(string[] lines, int fence)
    {
        var previous = fence - 1;
        while (previous >= 0 && lines[previous].Trim().Length == 0)
        {
            previous--;
        }

        var match = previous >= 0 ? DirectiveComment().Match(lines[previous].Trim()) : Match.Empty;
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FeatureFlags.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("FeatureFlags.sln not found above the test directory.");
    }

    [GeneratedRegex(@"^<!--\s*snippet:(.*?)-->$")]
    private static partial Regex DirectiveComment();

    [GeneratedRegex(@"`([A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)*)`")]
    private static partial Regex NamespaceInCell();

    [GeneratedRegex(@"Console\.WriteLine\(.*\);\s*//\s?(.*)$")]
    private static partial Regex WriteLineComment();
}
