using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FeatureFlags.Analyzers.Tests.Support;

/// <summary>Runs the analyzer on a source directly and returns its diagnostics, for table-driven comparisons.</summary>
internal static class AnalyzerRun
{
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(string source, params MetadataReference[] extra)
    {
        var compilation = Compile("Test", source, extra);
        var options = new AnalyzerOptions([], new BuildDateOptions(Verify.BuildDate));
        return await compilation.WithAnalyzers([new ToggleAnalyzer()], options).GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
    }

    public static CSharpCompilation Compile(string name, string source, params MetadataReference[] extra)
        => CSharpCompilation.Create(name, [CSharpSyntaxTree.ParseText(source, path: name + ".cs")],
            [.. TestReferences.Assemblies, .. extra], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private sealed class BuildDateOptions(string buildDate) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _options = new(buildDate);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

        private sealed class Options(string buildDate) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value)
            {
                value = buildDate;
                return key == AnalyzerSettings.BuildDateKey;
            }
        }
    }
}
