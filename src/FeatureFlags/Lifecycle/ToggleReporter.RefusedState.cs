using FeatureFlags.Storage;

namespace FeatureFlags;

// Stored state the write pipeline would refuse today: written before a rule existed, around the library, or by two
// writers racing a version that did not yet guard it. Lint names it so an operator can mend it.
internal sealed partial class ToggleReporter
{
    /// <summary>The finding for stored prerequisites that break the graph's rules (a cycle, a chain too deep).</summary>
    internal static ToggleLintFinding CycleFinding(string toggle, string problem)
        => new(toggle, "prerequisite-cycle", ToggleLintSeverity.Error,
            $"The stored prerequisites break a rule writes enforce: {problem} Evaluation stops at the depth guard and answers off.",
            "Remove one of the prerequisites in the chain (toggles require NAME --none, or a shorter list).");

    private void LintRefusedState(IReadOnlyList<ToggleRecord> records, List<ToggleLintFinding> findings)
    {
        var graph = PrerequisiteGraph.Empty();
        var organizations = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (!ToggleKeys.TryParse(record.Key, out var name, out var level, out var subject))
            {
                continue;
            }

            if (level is null)
            {
                graph.Set(name, record.Value);
                if (StoredValueCodec.TryDecodeRules(record.Value) is StoredFlag { Rules: { IsEmpty: true, MatchNobody: false } })
                {
                    findings.Add(new(name, "rules-match-nobody", ToggleLintSeverity.Warning,
                        "Its stored flag rules match nobody without saying so: it is off for everyone, and writes of such rules are refused now (an import of this state is too).",
                        $"Say what is meant: toggles flag {name} --everyone off, or --match-nobody to keep rules that match nobody, or delete the state to return to the code default."));
                }
            }
            else if (level == OverrideLevel.Organization)
            {
                if (!organizations.TryGetValue(name, out var list))
                {
                    organizations[name] = list = [];
                }

                list.Add(subject!);
            }
            else if (level == OverrideLevel.Site && registry.TryGet(name, out var declared) && declared is ToggleGroup)
            {
                findings.Add(new(name, "group-override-ignored", ToggleLintSeverity.Warning,
                    $"It is a release group with a site override for '{subject}': the group's members do not follow it, so it changes nothing.",
                    $"Clear it (toggles override site {name} {subject} clear) and override the members instead."));
            }
        }

        if (graph.FindProblem([]) is { } cycle)
        {
            findings.Add(CycleFinding(graph.Toggles.Order(StringComparer.Ordinal).First(), cycle));
        }

        foreach (var (name, subjects) in organizations.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            foreach (var spellings in subjects.GroupBy(s => s, options.OrganizationComparer).Where(g => g.Count() > 1))
            {
                var all = spellings.Order(StringComparer.Ordinal).ToList();
                findings.Add(new(name, "organization-spellings", ToggleLintSeverity.Error,
                    $"Organisation overrides are stored under {all.Count} spellings of one organisation ({string.Join(", ", all.Select(s => $"'{s}'"))}): instances may answer from different ones.",
                    $"Clear the override (toggles override org {name} {all[0]} clear removes every spelling), then set it once."));
            }
        }
    }
}
