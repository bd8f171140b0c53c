using Microsoft.CodeAnalysis;

namespace FeatureFlags.Analyzers;

/// <summary>
/// The diagnostics of the FeatureFlags analyzer. Each id is documented in <c>docs/diagnostics/{id}.md</c>.
/// </summary>
public static class ToggleDiagnostics
{
    /// <summary>The id of an invalid namespace or toggle name in a declaration.</summary>
    public const string InvalidNameId = "FF1001";

    /// <summary>The id of a full name declared twice in one compilation.</summary>
    public const string DuplicateNameId = "FF1002";

    /// <summary>The id of a declaration whose metadata lacks what the runtime requires.</summary>
    public const string MissingMetadataId = "FF1003";

    /// <summary>The id of a toggle past its target removal date.</summary>
    public const string ExpiredId = "FF1004";

    /// <summary>The id of a toggle due for removal within <see cref="ExpiringSoonDays"/> days.</summary>
    public const string ExpiringSoonId = "FF1005";

    /// <summary>The id of a string toggle name that matches no declared toggle.</summary>
    public const string UnknownNameId = "FF1006";

    /// <summary>The id of a toggle declared but never evaluated, gated or overridden.</summary>
    public const string UnusedId = "FF1007";

    /// <summary>How many days before its target removal date a toggle is reported as due soon.</summary>
    public const int ExpiringSoonDays = 14;

    /// <summary>The diagnostic property holding the toggle's full name, for the code fix.</summary>
    public const string FullNameProperty = "FullName";

    internal static readonly DiagnosticDescriptor InvalidName = Create(
        InvalidNameId, "Invalid toggle name", "{0}", "FeatureFlags.Declarations", DiagnosticSeverity.Error,
        "Namespaces and toggle names use lower-case letters, digits and '_' and start with a letter; namespaces may be dotted; a full name is at most 200 characters. The runtime rejects any other name when the declaring type initializes.");

    internal static readonly DiagnosticDescriptor DuplicateName = Create(
        DuplicateNameId, "Toggle declared twice", "Toggle '{0}' is also declared at {1}", "FeatureFlags.Declarations", DiagnosticSeverity.Error,
        "A full name has one declaration: one default, one type, one set of metadata. A second declaration fails start-up.");

    internal static readonly DiagnosticDescriptor MissingMetadata = Create(
        MissingMetadataId, "Toggle metadata incomplete", "Toggle '{0}' has invalid metadata: {1}", "FeatureFlags.Declarations", DiagnosticSeverity.Error,
        "Every toggle needs a description, at least one use case and its created-on date, for the toggle report; the runtime rejects a declaration without them.");

    internal static readonly DiagnosticDescriptor Expired = Create(
        ExpiredId, "Toggle past its target removal date", "Toggle '{0}' was due for removal on {1} ({2} day(s) before the build date {3}){4}", "FeatureFlags.Lifecycle", DiagnosticSeverity.Warning,
        "A temporary toggle left in the code past its removal date is toggle debt: both paths stay alive and tested. Remove the toggle (the code fix keeps the path you choose) or move the date with a reason.");

    internal static readonly DiagnosticDescriptor ExpiringSoon = Create(
        ExpiringSoonId, "Toggle due for removal soon", "Toggle '{0}' is due for removal on {1}, in {2} day(s){3}", "FeatureFlags.Lifecycle", DiagnosticSeverity.Info,
        "The toggle's target removal date is within 14 days of the build date: plan its removal.");

    internal static readonly DiagnosticDescriptor UnknownName = Create(
        UnknownNameId, "Unknown toggle name", "{0}", "FeatureFlags.Usage", DiagnosticSeverity.Warning,
        "A toggle named by string (a gate, an override, a test case, a request override) must name a toggle declared in this compilation or a referenced assembly; otherwise the gate never opens or the override changes nothing.");

    internal static readonly DiagnosticDescriptor Unused = Create(
        UnusedId, "Unused toggle", "Toggle '{0}' is never evaluated, gated or overridden: candidate for removal", "FeatureFlags.Lifecycle", DiagnosticSeverity.Info,
        "Nothing in the compilation reads the toggle. Not reported in library projects, whose toggles other assemblies may use, unless featureflags_report_unused_in_libraries = true.");

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description)
        => new(id, title, message, category, severity, isEnabledByDefault: true, description, helpLinkUri: $"docs/diagnostics/{id}.md");
}
