using System.Globalization;
using FeatureFlags.Storage;

namespace FeatureFlags.Dashboard;

/// <summary>
/// A toggle's stored state in plain language, as an operator reads it at a glance: "on for group beta-testers and
/// 30 % of users; 3 course overrides (2 on, 1 off)".
/// </summary>
internal sealed class ToggleSummary
{
    private ToggleSummary(string name, Toggle? declared, ToggleRecord? rules, IReadOnlyList<(OverrideLevel Level, string Subject, bool On, long Version)> overrides)
    {
        Name = name;
        Declared = declared;
        Rules = rules;
        Overrides = overrides;
        Text = Describe(declared, rules, overrides);
    }

    public string Name { get; }

    public Toggle? Declared { get; }

    public ToggleRecord? Rules { get; }

    public IReadOnlyList<(OverrideLevel Level, string Subject, bool On, long Version)> Overrides { get; }

    public string Text { get; }

    /// <summary>Groups a store listing by toggle and summarises each one.</summary>
    public static Dictionary<string, ToggleSummary> Build(IReadOnlyList<ToggleRecord> records, IToggleRegistry registry)
    {
        var rules = new Dictionary<string, ToggleRecord>(StringComparer.Ordinal);
        var overrides = new Dictionary<string, List<(OverrideLevel, string, bool, long)>>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (!ToggleKeys.TryParse(record.Key, out var name, out var level, out var subject))
            {
                continue;
            }

            if (level is null)
            {
                rules[name] = record;
            }
            else if (TryDecodeOverride(record.Value, out var on))
            {
                if (!overrides.TryGetValue(name, out var list))
                {
                    overrides[name] = list = [];
                }

                list.Add((level.Value, subject!, on, record.Version));
            }
        }

        var result = new Dictionary<string, ToggleSummary>(StringComparer.Ordinal);
        foreach (var name in registry.Toggles.Select(t => t.FullName).Union(rules.Keys).Union(overrides.Keys))
        {
            registry.TryGet(name, out var declared);
            result[name] = new ToggleSummary(name, declared, rules.GetValueOrDefault(name), overrides.GetValueOrDefault(name) ?? []);
        }

        return result;
    }

    /// <summary>Returns the rules of a flag as stored, or <see langword="null"/> when none (or unreadable) are stored.</summary>
    public FlagRules? FlagRules() => (StoredValueCodec.TryDecodeRules(Rules?.Value) as StoredFlag)?.Rules;

    /// <summary>Returns the prerequisites of the stored state, or none when none (or unreadable ones) are stored.</summary>
    public IReadOnlyList<TogglePrerequisite> Prerequisites() => Prerequisites(Rules);

    /// <summary>Returns the stored switch value, or <see langword="null"/>.</summary>
    public bool? SwitchValue() => (StoredValueCodec.TryDecodeRules(Rules?.Value) as StoredSwitch)?.On;

    private static string Describe(Toggle? declared, ToggleRecord? stored, IReadOnlyList<(OverrideLevel Level, string Subject, bool On, long Version)> overrides)
    {
        string text;
        if (declared is SettingToggle)
        {
            text = "from configuration";
        }
        else if (stored is null)
        {
            text = declared is ToggleGroup
                ? "unset: each member follows its own rules"
                : $"not stored: code default ({(declared?.DefaultValue == true ? "on" : "off")})";
        }
        else
        {
            // Unreadable state is shown as such; evaluation treats it as unset.
            var rules = StoredValueCodec.TryDecodeRules(stored.Value);
            text = rules switch
            {
                StoredSwitch s => s.On ? "on for everyone" : "off for everyone",
                StoredFlag f => DescribeFlag(f.Rules),
                StoredGroup g => g.On ? "on for every member" : "off for every member",
                _ => "unreadable stored value (treated as unset)",
            };
            if (rules is { Requires: { Count: > 0 } prerequisites })
            {
                text += "; only while " + And([.. prerequisites.Select(p => $"{p.Toggle} is {(p.Enabled ? "on" : "off")}")]);
            }
        }

        if (overrides.Count > 0)
        {
            text += "; " + string.Join(", ", overrides
                .GroupBy(o => o.Level)
                .OrderBy(g => g.Key)
                .Select(g => $"{g.Count()} {LevelName(g.Key)} override{(g.Count() == 1 ? string.Empty : "s")} ({g.Count(o => o.On)} on, {g.Count(o => !o.On)} off)"));
        }

        return text;
    }

    private static string DescribeFlag(FlagRules rules)
    {
        if (rules.Everyone is { } everyone)
        {
            return everyone ? "on for everyone" : "off for everyone";
        }

        var parts = new List<string>();
        if (rules.Users.Count > 0)
        {
            parts.Add(rules.Users.Count <= 3 ? $"user{Plural(rules.Users.Count)} {And(rules.Users)}" : $"{rules.Users.Count} users");
        }

        if (rules.Groups.Count > 0)
        {
            parts.Add($"group{Plural(rules.Groups.Count)} {And(rules.Groups)}");
        }

        if (rules.Staff)
        {
            parts.Add("staff");
        }

        if (rules.Superusers)
        {
            parts.Add("superusers");
        }

        if (rules.Authenticated)
        {
            parts.Add("signed-in users");
        }

        if (rules.Languages.Count > 0)
        {
            parts.Add($"language{Plural(rules.Languages.Count)} {And(rules.Languages)}");
        }

        if (rules.CustomRules.Count > 0)
        {
            parts.Add($"custom rule{Plural(rules.CustomRules.Count)} {And([.. rules.CustomRules.Select(r => r.ToString())])}");
        }

        if (rules.Percent > 0)
        {
            parts.Add($"{rules.Percent.ToString("0.###", CultureInfo.InvariantCulture)} % of users");
        }

        var text = parts.Count == 0 ? "off: no rule matches anyone" : "on for " + string.Join("; ", parts);
        return rules.Testing ? text + " (testing mode: request overrides allowed)" : text;
    }

    private static string And(IReadOnlyList<string> values)
        => values.Count == 1 ? values[0] : string.Join(", ", values.Take(values.Count - 1)) + " and " + values[^1];

    private static string Plural(int count) => count == 1 ? string.Empty : "s";

    public static string LevelName(OverrideLevel level) => level switch
    {
        OverrideLevel.Site => "site",
        OverrideLevel.Course => "course",
        _ => "org",
    };

    private static IReadOnlyList<TogglePrerequisite> Prerequisites(ToggleRecord? stored)
        => StoredValueCodec.PrerequisitesOrEmpty(stored?.Value);

    private static bool TryDecodeOverride(string value, out bool on)
    {
        try
        {
            on = StoredValueCodec.DecodeOverride(value).On;
            return true;
        }
        catch (FormatException)
        {
            on = false;
            return false;
        }
    }
}
