
namespace FeatureFlags;

// Configuration overrides in the report and in lint.
internal sealed partial class ToggleReporter
{
    /// <summary>
    /// The status once configuration answers first: a value for the whole toggle decides it, unless courses or
    /// organisations are configured the other way (then both).
    /// </summary>
    private static ToggleStatus WithConfiguration(ConfigurationOverride configured, ToggleStatus stored)
    {
        var values = configured.Values().Distinct().ToList();
        if (configured.Enabled is { } on)
        {
            return values.Count > 1 ? ToggleStatus.Both : Of(on);
        }

        // Only courses or organisations are configured: the stored state still answers for the others.
        return values.Count == 1 && stored == Of(values[0]) ? stored : ToggleStatus.Both;
    }

    /// <summary>
    /// Entries under <c>FeatureToggles:Overrides</c> that are ignored (unknown names with the nearest declared one, bad
    /// values), and overrides that hide stored state: a warning in a production environment, where configuration
    /// quietly beating what operators set is a surprise, and information elsewhere.
    /// </summary>
    private void LintConfigurationOverrides(Dictionary<string, List<ToggleRecord>> stored, ReportConfiguration configuration, List<ToggleLintFinding> findings)
    {
        foreach (var problem in configuration.Problems)
        {
            findings.Add(new(problem.Toggle, "configuration-override-ignored", ToggleLintSeverity.Warning,
                $"Configuration entry '{problem.Path}' is ignored: {problem.Message}", problem.FixHint));
        }

        var environment = options.Lint.EnvironmentName ?? hostEnvironment;
        var production = environment is not null && options.Lint.ProductionEnvironments.Contains(environment, StringComparer.OrdinalIgnoreCase);
        foreach (var toggle in registry.Toggles)
        {
            if (configuration.OverrideOf(toggle) is not { } configured
                || !stored.TryGetValue(toggle.FullName, out var records) || records.Count == 0)
            {
                continue;
            }

            var where = environment is null ? string.Empty : $" in {environment}";
            findings.Add(new(toggle.FullName, "configuration-override-shadows-stored-state",
                production ? ToggleLintSeverity.Warning : ToggleLintSeverity.Info,
                $"Configuration ({configured.Path}: {configured.Summarize()}) overrides {records.Count} stored key(s){where}; changes made with the admin API, CLI or dashboard do not take effect while it is there.",
                "Remove the configuration override, or delete the stored state it hides."));
        }
    }
}
