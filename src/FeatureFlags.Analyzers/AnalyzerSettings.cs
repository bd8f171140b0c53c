using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FeatureFlags.Analyzers;

/// <summary>
/// The analyzer's options, read from <c>.editorconfig</c> or a global analyzer config:
/// <c>featureflags_build_date = 2026-12-01</c> fixes the date removal dates are compared with (default: today, UTC, when
/// the analyzer runs); <c>featureflags_report_unused_in_libraries = true</c> reports unused toggles in libraries too.
/// </summary>
internal static class AnalyzerSettings
{
    public const string BuildDateKey = "featureflags_build_date";
    public const string UnusedInLibrariesKey = "featureflags_report_unused_in_libraries";

    public static DateTime BuildDate(AnalyzerOptions options, SyntaxTree tree)
    {
        if (options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(BuildDateKey, out var text)
            || options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(BuildDateKey, out text))
        {
            if (DateTime.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }
        }

        // The one clock read outside TimeProvider: an analyzer runs inside the compiler (netstandard2.0), where nothing
        // can be injected; featureflags_build_date above is how tests and reproducible builds fix the date.
#pragma warning disable RS0030
        return DateTime.UtcNow.Date;
#pragma warning restore RS0030
    }

    public static bool ReportUnused(Compilation compilation, AnalyzerOptions options)
    {
        if (compilation.Options.OutputKind != OutputKind.DynamicallyLinkedLibrary)
        {
            return true;
        }

        return options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(UnusedInLibrariesKey, out var text)
            && string.Equals(text.Trim(), "true", StringComparison.OrdinalIgnoreCase);
    }
}
