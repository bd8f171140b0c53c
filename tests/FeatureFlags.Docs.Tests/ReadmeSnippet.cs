namespace FeatureFlags.Docs.Tests;

/// <summary>
/// One <c>```csharp</c> block of the README, with what its <c>&lt;!-- snippet: ... --&gt;</c> comment says about it.
/// </summary>
internal sealed record ReadmeSnippet(
    int Line,
    string Heading,
    string Code,
    SnippetKind Kind,
    string? Template,
    IReadOnlyList<string> Usings,
    bool Run,
    string? ExpectedOutput,
    string? NotCompiledReason)
{
    /// <summary>
    /// <see cref="Code"/> with the lines that are only <c>...</c> (code left out) blanked, so line numbers still match.
    /// </summary>
    public string CompilableCode =>
        string.Join('\n', Code.Split('\n').Select(line => line.Trim() == "..." ? "" : line));

    public override string ToString() => $"README.md:{Line} ({Heading})";
}

/// <summary>How a README block is compiled.</summary>
internal enum SnippetKind
{
    /// <summary>Part of a program, class or method, in the README world (the default).</summary>
    Fragment,

    /// <summary>A whole Program.cs of a <c>dotnet new console</c> (or, with <c>web</c>, <c>dotnet new web</c>) app.</summary>
    Program,

    /// <summary>A whole source file of a test project made from a <c>dotnet new</c> template (nunit, xunit, mstest).</summary>
    File,
}
