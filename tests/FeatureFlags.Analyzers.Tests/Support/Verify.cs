using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace FeatureFlags.Analyzers.Tests.Support;

/// <summary>Builds analyzer and code-fix tests on <see cref="TestReferences"/> with a fixed build date.</summary>
internal static class Verify
{
    /// <summary>The build date every test analyzes with, unless it sets another.</summary>
    public const string BuildDate = "2026-12-01";

    public static CSharpAnalyzerTest<ToggleAnalyzer, DefaultVerifier> Analyzer(string source, string buildDate = BuildDate, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
    {
        var test = new CSharpAnalyzerTest<ToggleAnalyzer, DefaultVerifier> { TestCode = source };
        Configure(test, buildDate, outputKind);
        return test;
    }

    public static CSharpCodeFixTest<ToggleAnalyzer, RemoveToggleCodeFixProvider, DefaultVerifier> CodeFix(string source, string fixedSource, bool keepOn, string buildDate = BuildDate)
    {
        var test = new CSharpCodeFixTest<ToggleAnalyzer, RemoveToggleCodeFixProvider, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = keepOn ? RemoveToggleCodeFixProvider.KeepOnKey : RemoveToggleCodeFixProvider.KeepOffKey,
            CodeActionIndex = keepOn ? 0 : 1,
        };
        Configure(test, buildDate, OutputKind.DynamicallyLinkedLibrary);
        return test;
    }

    public static DiagnosticResult Diagnostic(string id) => new(id, Severity(id));

    private static DiagnosticSeverity Severity(string id) => id switch
    {
        ToggleDiagnostics.ExpiredId or ToggleDiagnostics.UnknownNameId => DiagnosticSeverity.Warning,
        ToggleDiagnostics.ExpiringSoonId or ToggleDiagnostics.UnusedId => DiagnosticSeverity.Info,
        _ => DiagnosticSeverity.Error,
    };

    private static void Configure(AnalyzerTest<DefaultVerifier> test, string buildDate, OutputKind outputKind)
    {
        test.ReferenceAssemblies = TestReferences.None;
        test.TestState.AdditionalReferences.AddRange(TestReferences.Assemblies);
        test.TestState.OutputKind = outputKind;
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", $"is_global = true\n{AnalyzerSettings.BuildDateKey} = {buildDate}\n"));
    }
}
