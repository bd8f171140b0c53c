using FeatureFlags.Storage;
using Microsoft.Extensions.Configuration;

namespace FeatureFlags;

/// <summary>
/// Builds reports and lint findings from the registry, the store and its audit.
/// </summary>
internal sealed partial class ToggleReporter(
    IToggleStore store, IToggleRegistry registry, FeatureTogglesOptions options, TimeProvider time, IConfiguration? configuration = null, string? hostEnvironment = null) : IToggleReporter
{
    public async ValueTask<IReadOnlyList<ToggleLintFinding>> LintAsync(CancellationToken cancellationToken = default)
        => Lint(await StoredToggles.ListAsync(store, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Lints the declarations against records already read; with <paramref name="only"/>, only that toggle's declaration
    /// (one toggle's page does not lint the other 10,000).
    /// </summary>
    internal IReadOnlyList<ToggleLintFinding> Lint(IReadOnlyList<ToggleRecord> records, string? only = null)
    {
        var stored = GroupByToggle(records);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var findings = new List<ToggleLintFinding>();
        IEnumerable<Toggle> declared = only is null ? registry.Toggles : registry.TryGet(only, out var one) ? [one] : [];
        foreach (var toggle in declared)
        {
            var name = toggle.FullName;
            findings.AddRange(ToggleLintRules.Check(toggle, today, options.Lint));

            if (toggle is SettingToggle && stored.TryGetValue(name, out var shadowed) && shadowed.Count > 0)
            {
                var storedKeys = shadowed.Where(r => r.Key == name).ToList();
                if (storedKeys.Count > 0)
                {
                    findings.Add(new(name, "setting-shadows-stored-state", ToggleLintSeverity.Warning,
                        "It is declared as a setting toggle (read from configuration) but stored rules exist under its name; they are ignored.",
                        "Delete the stored state, or declare the toggle as a switch or flag if it should be changed at run time."));
                }
            }
        }

        var links = new ReportLinks(registry, records);
        foreach (var group in declared.OfType<ToggleGroup>())
        {
            var members = links.MembersOf(group.FullName);
            if (members.Count > 0 && members.All(m => registry.TryGet(m, out var t) && t.Metadata.TargetRemovalOn is { } removal && removal < today))
            {
                findings.Add(new(group.FullName, "group-members-expired", ToggleLintSeverity.Warning,
                    $"All {members.Count} members ({string.Join(", ", members)}) have passed their target removal dates.",
                    "Remove the members and then the group, or agree new dates."));
            }
        }

        var now = time.GetUtcNow();
        foreach (var record in records.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (StoredValueCodec.ScheduleOrNull(record.Key, record.Value) is { } schedule && schedule.StatusAt(now) == ToggleScheduleStatus.Expired
                && ToggleKeys.TryParse(record.Key, out var owner, out var level, out var subject))
            {
                var what = level is null ? "Its stored state" : $"Its {LevelName(level.Value)} override for '{subject}'";
                var fix = level is null
                    ? $"Write a new state (for example toggles switch {owner} on|off), or delete it (toggles delete {owner} --force while the toggle is declared)."
                    : $"Clear the expired override (toggles override {LevelName(level.Value)} {owner} {subject} clear).";
                findings.Add(new(owner, "schedule-expired", ToggleLintSeverity.Warning,
                    $"{what} expired at {ToggleSchedule.Format(schedule.ActiveUntil!.Value)} and no longer applies.", fix));
            }
        }

        foreach (var name in stored.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var prerequisite in links.PrerequisitesOf(name))
            {
                if (!registry.TryGet(prerequisite.Toggle, out _))
                {
                    findings.Add(new(name, "prerequisite-undeclared", ToggleLintSeverity.Warning,
                        $"It requires '{prerequisite.Toggle}', which this application does not declare: the prerequisite is never met, so the toggle is off.",
                        "Declare the required toggle, or remove it from the prerequisites."));
                }
            }
        }

        foreach (var (name, keys) in stored)
        {
            if (!registry.TryGet(name, out _))
            {
                findings.Add(new(name, "orphan", ToggleLintSeverity.Info,
                    $"{keys.Count} stored key(s) belong to no declared toggle.",
                    "If the code no longer uses it, delete its stored state (step two of two-step removal)."));
            }
        }

        LintRefusedState(records, findings);
        LintConfigurationOverrides(stored, ReportConfiguration.Read(configuration, options, registry), findings);
        return ToggleLintRules.Order(findings);
    }

    private IEnumerable<string> Names(Dictionary<string, List<ToggleRecord>> stored)
        => registry.Toggles.Select(t => t.FullName).Union(stored.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private static Dictionary<string, List<ToggleRecord>> GroupByToggle(IReadOnlyList<ToggleRecord> records)
    {
        var result = new Dictionary<string, List<ToggleRecord>>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (ToggleKeys.TryParse(record.Key, out var name, out _, out _))
            {
                if (!result.TryGetValue(name, out var list))
                {
                    result[name] = list = [];
                }

                list.Add(record);
            }
        }

        return result;
    }

    private ToggleReportEntry CreateEntry(string name, Toggle? declared, List<ToggleRecord> records, ToggleModifiedTimes? modified, ReportLinks links, ReportConfiguration configuration)
    {
        StoredRules? rules = null;
        var overrides = new List<(OverrideLevel Level, bool On)>();
        var organizations = new HashSet<string>(options.OrganizationComparer);
        var schedules = new List<ToggleScheduledState>();
        var now = time.GetUtcNow();
        foreach (var record in records)
        {
            ToggleKeys.TryParse(record.Key, out _, out var level, out var subject);
            if (level == OverrideLevel.Organization && !organizations.Add(subject!))
            {
                // Two stored spellings of one organisation (written before the comparer applied): evaluation uses one.
                continue;
            }

            try
            {
                ToggleSchedule? schedule;
                if (level is null)
                {
                    rules = StoredValueCodec.DecodeRules(record.Value);
                    schedule = rules.Schedule;
                }
                else
                {
                    var value = StoredValueCodec.DecodeOverride(record.Value);
                    schedule = value.Schedule;
                    if (value.AppliesAt(now))
                    {
                        // A pending or expired override does not answer now; it is listed under Schedules.
                        overrides.Add((level.Value, value.On));
                    }
                }

                if (schedule is not null)
                {
                    schedules.Add(new ToggleScheduledState(record.Key, schedule, schedule.StatusAt(now)));
                }
            }
            catch (FormatException)
            {
                // Unreadable values are treated as unset, as evaluation does.
            }
        }

        var configured = declared is null ? null : configuration.OverrideOf(declared);
        var active = rules is not null && !rules.AppliesAt(now) ? null : rules;
        var (baseSummary, baseStatus) = Describe(declared, active, configuration);
        if (active is null && rules is not null)
        {
            baseSummary = "stored state not in effect now";
        }

        if (declared?.GroupFullName is { } groupName && links.GroupStateOf(groupName, now) is { } groupOn)
        {
            // The group answers ahead of the member's own rules.
            baseSummary += $"; group {groupName} {OnOff(groupOn)}";
            baseStatus = Of(groupOn);
        }

        if (baseStatus == ToggleStatus.On && links.PrerequisitesOf(name).Count > 0)
        {
            // A prerequisite can only turn it off, and its answer may depend on the caller.
            baseStatus = ToggleStatus.Both;
        }

        var status = overrides.Any(o => baseStatus == ToggleStatus.Both || o.On != (baseStatus == ToggleStatus.On)) ? ToggleStatus.Both : baseStatus;
        var prerequisites = links.PrerequisitesOf(name);
        if (prerequisites.Count > 0)
        {
            baseSummary += "; requires " + string.Join(", ", prerequisites);
        }

        if (rules?.Schedule is { } own)
        {
            baseSummary += $"; scheduled {own} ({own.StatusAt(now).ToString().ToLowerInvariant()})";
        }

        var summary = overrides.Count == 0
            ? baseSummary
            : baseSummary + "; overrides: " + string.Join(", ", overrides
                .GroupBy(o => o.Level)
                .OrderBy(g => g.Key)
                .Select(g => $"{g.Count()} {LevelName(g.Key)} ({g.Count(o => o.On)} on, {g.Count(o => !o.On)} off)"));

        if (configured is not null)
        {
            status = WithConfiguration(configured, status);
            summary = $"configuration override: {configured.Summarize()}; {summary}";
        }

        return new ToggleReportEntry(
            name,
            declared?.Metadata.Description ?? string.Empty,
            declared?.Kind.ToString() ?? (rules?.Kind is { } kind ? $"{kind} (undeclared)" : "unknown (undeclared)"),
            declared?.Metadata.UseCases ?? ToggleUseCases.None,
            declared?.Metadata.CreatedOn,
            declared?.Metadata.TargetRemovalOn,
            summary,
            modified?.FirstModified,
            modified?.LastModified,
            status,
            declared is null,
            declared?.Metadata.Owner,
            configured is null ? null : $"{configured.Summarize()} ({configured.Path})")
        {
            Group = declared?.GroupFullName,
            Members = declared is ToggleGroup ? links.MembersOf(name) : [],
            Prerequisites = prerequisites,
            Dependants = links.DependantsOf(name),
            Schedules = [.. schedules.OrderBy(e => e.Key, StringComparer.Ordinal)],
        };
    }

    private static (string Summary, ToggleStatus Status) Describe(Toggle? declared, StoredRules? rules, ReportConfiguration configuration)
    {
        if (declared is SettingToggle setting)
        {
            var configured = configuration.SettingOf(setting);
            var on = configured == ToggleState.SettingUnset ? setting.DefaultValue : configured == ToggleState.SettingOn;
            return (configured == ToggleState.SettingUnset ? $"not configured (default: {OnOff(on)})" : $"configuration: {OnOff(on)}", Of(on));
        }

        switch (rules)
        {
            case StoredGroup group:
                return ($"group: {OnOff(group.On)} for every member", Of(group.On));
            case null when declared is ToggleGroup:
                return ("group: unset (members follow their own rules)", ToggleStatus.Both);
            case StoredSwitch stored:
                return ($"switch: {OnOff(stored.On)}", Of(stored.On));
            case StoredFlag flag:
                var r = flag.Rules;
                var status = r.Everyone switch
                {
                    true => ToggleStatus.On,
                    false => ToggleStatus.Off,
                    null when r.Percent >= 100 => ToggleStatus.Both,
                    null when r.Percent > 0 || r.Users.Count > 0 || r.Groups.Count > 0 || r.Languages.Count > 0 || r.Staff || r.Superusers || r.Authenticated || r.CustomRules.Count > 0 => ToggleStatus.Both,
                    null => ToggleStatus.Off,
                };
                return ($"flag: {r}", status);
            default:
                var fallback = declared?.DefaultValue ?? false;
                return ($"not stored (default: {OnOff(fallback)})", Of(fallback));
        }
    }

    private static ToggleStatus Of(bool on) => on ? ToggleStatus.On : ToggleStatus.Off;

    private static string OnOff(bool on) => on ? "on" : "off";

    private static string LevelName(OverrideLevel level) => level switch
    {
        OverrideLevel.Site => "site",
        OverrideLevel.Course => "course",
        _ => "org",
    };

    /// <summary>Group memberships and prerequisites across all toggles, read once per report.</summary>
    private sealed class ReportLinks
    {
        private readonly Dictionary<string, List<string>> _members = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IReadOnlyList<TogglePrerequisite>> _requires = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _dependants = new(StringComparer.Ordinal);
        private readonly Dictionary<string, StoredGroup> _groups = new(StringComparer.Ordinal);

        public ReportLinks(IToggleRegistry registry, IReadOnlyList<ToggleRecord> records)
        {
            foreach (var toggle in registry.Toggles)
            {
                if (toggle.GroupFullName is { } group)
                {
                    Add(_members, group, toggle.FullName);
                }
            }

            foreach (var record in records)
            {
                if (!ToggleKeys.TryParse(record.Key, out _, out var level, out _) || level is not null)
                {
                    continue;
                }

                // Only groups and values that may name prerequisites are decoded here.
                var isGroup = registry.TryGet(record.Key, out var declared) && declared is ToggleGroup;
                if (!isGroup && !StoredValueCodec.MayHavePrerequisites(record.Value))
                {
                    continue;
                }

                var stored = StoredValueCodec.TryDecodeRules(record.Value);
                if (isGroup && stored is StoredGroup group)
                {
                    _groups[record.Key] = group;
                }

                var requires = stored?.Requires ?? [];
                if (requires.Count > 0)
                {
                    _requires[record.Key] = requires;
                    foreach (var prerequisite in requires)
                    {
                        Add(_dependants, prerequisite.Toggle, record.Key);
                    }
                }
            }
        }

        public IReadOnlyList<string> MembersOf(string group) => Sorted(_members, group);

        /// <summary>Returns whether a group is switched on or off now, or null when it is unset (or outside its schedule).</summary>
        public bool? GroupStateOf(string group, DateTimeOffset now)
            => _groups.TryGetValue(group, out var state) && state.AppliesAt(now) ? state.On : null;

        public IReadOnlyList<string> DependantsOf(string toggle) => Sorted(_dependants, toggle);

        public IReadOnlyList<TogglePrerequisite> PrerequisitesOf(string toggle) => _requires.GetValueOrDefault(toggle) ?? [];

        private static IReadOnlyList<string> Sorted(Dictionary<string, List<string>> map, string key)
            => map.TryGetValue(key, out var list) ? [.. list.Order(StringComparer.Ordinal)] : [];

        private static void Add(Dictionary<string, List<string>> map, string key, string value)
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }

            list.Add(value);
        }
    }
}
