using Microsoft.Extensions.Configuration;

namespace FeatureFlags;

/// <summary>
/// Reads <c>{section}:Overrides</c>. Two forms, per toggle full name:
/// <code>
/// "Overrides": {
///   "checkout.new_cart": true,
///   "courseware.new_outline": {
///     "Enabled": false,
///     "Courses": [ { "Key": "course-v1:Acme+CS101+2026", "Enabled": true } ],
///     "Organizations": [ { "Key": "Acme", "Enabled": true } ]
///   }
/// }
/// </code>
/// Course keys contain ':', which configuration treats as a separator, so courses and organisations are lists of
/// <c>Key</c>/<c>Enabled</c> pairs (environment variables: <c>FeatureToggles__Overrides__courseware.new_outline__Courses__0__Key</c>).
/// Anything else is reported as a problem and ignored; an unknown toggle name comes with the nearest declared one.
/// </summary>
internal static class ConfigurationOverrideReader
{
    public const string SectionName = "Overrides";
    private const string EnabledKey = "Enabled";
    private const string CoursesKey = "Courses";
    private const string OrganizationsKey = "Organizations";

    public static (Dictionary<string, ConfigurationOverride> Overrides, List<ConfigurationOverrideProblem> Problems) Read(
        IConfiguration configuration, string rootSection, IToggleRegistry registry, StringComparer? organizations = null)
    {
        var overrides = new Dictionary<string, ConfigurationOverride>(StringComparer.Ordinal);
        var problems = new List<ConfigurationOverrideProblem>();
        foreach (var entry in configuration.GetSection($"{rootSection}:{SectionName}").GetChildren())
        {
            // Configuration keys are case-insensitive; toggle names are lower case.
            var name = entry.Key.ToLowerInvariant();
            if (!registry.TryGet(name, out var toggle))
            {
                var nearest = NameSuggestions.Nearest(name, registry.Toggles.Select(t => t.FullName));
                problems.Add(new(name, entry.Path, $"no toggle named '{name}' is declared{(nearest is null ? "." : $"; did you mean {nearest}?")}",
                    nearest is null ? "Remove the entry, or declare the toggle." : $"Rename the entry to '{nearest}'."));
                continue;
            }

            if (toggle is SettingToggle setting)
            {
                var key = setting.ConfigurationKey ?? $"{rootSection}:{name}";
                problems.Add(new(name, entry.Path, "it is a setting toggle, which configuration already decides.", $"Set '{key}' instead."));
                continue;
            }

            // A group answers for its members only through its own stored state; an override of it would be taken by the
            // group and ignored by every member, so it is refused rather than applied halfway.
            if (toggle is ToggleGroup)
            {
                problems.Add(new(name, entry.Path, "it is a release group: an override of the group would not reach its members.", "Override the members instead, or switch the group in the store."));
                continue;
            }

            if (Read(entry, toggle, problems, organizations ?? StringComparer.OrdinalIgnoreCase) is { } read)
            {
                overrides[name] = read;
            }
        }

        return (overrides, problems);
    }

    private static ConfigurationOverride? Read(IConfigurationSection entry, Toggle toggle, List<ConfigurationOverrideProblem> problems, StringComparer organizationComparer)
    {
        var name = toggle.FullName;
        bool? enabled = null;
        if (entry.Value is { } value)
        {
            enabled = ParseBool(name, entry.Path, value, problems);
        }

        Dictionary<string, ConfiguredValue>? courses = null;
        Dictionary<string, ConfiguredValue>? organizations = null;
        foreach (var child in entry.GetChildren())
        {
            if (string.Equals(child.Key, EnabledKey, StringComparison.OrdinalIgnoreCase))
            {
                enabled = child.Value is { } raw ? ParseBool(name, child.Path, raw, problems) : enabled;
            }
            else if (string.Equals(child.Key, CoursesKey, StringComparison.OrdinalIgnoreCase))
            {
                courses = toggle is CourseFlag
                    ? ReadList(child, name, problems)
                    : Unsupported(name, child.Path, "course overrides apply to course flags only", problems);
            }
            else if (string.Equals(child.Key, OrganizationsKey, StringComparison.OrdinalIgnoreCase))
            {
                organizations = toggle is CourseFlag or OrgFlag
                    ? ReadList(child, name, problems, organizationComparer)
                    : Unsupported(name, child.Path, "organisation overrides apply to course and organisation flags only", problems);
            }
            else
            {
                problems.Add(new(name, child.Path, $"'{child.Key}' is not a setting of a configuration override.",
                    $"Use true or false for the whole toggle, or {EnabledKey}, {CoursesKey} and {OrganizationsKey}."));
            }
        }

        return enabled is null && courses is null && organizations is null
            ? null
            : new ConfigurationOverride(entry.Path, enabled, courses, organizations);
    }

    private static Dictionary<string, ConfiguredValue>? ReadList(IConfigurationSection list, string name, List<ConfigurationOverrideProblem> problems, StringComparer? keys = null)
    {
        var result = new Dictionary<string, ConfiguredValue>(keys ?? StringComparer.Ordinal);
        foreach (var item in list.GetChildren())
        {
            var key = item["Key"];
            var raw = item[EnabledKey];
            if (string.IsNullOrWhiteSpace(key) || raw is null)
            {
                problems.Add(new(name, item.Path, "each entry needs a Key and Enabled.",
                    $"Write entries as {list.Path}:0:Key = the course or organisation and {list.Path}:0:Enabled = true or false."));
                continue;
            }

            if (ParseBool(name, item.Path, raw, problems) is { } on)
            {
                result[key] = new ConfiguredValue(on, item.Path);
            }
        }

        return result.Count == 0 ? null : result;
    }

    private static Dictionary<string, ConfiguredValue>? Unsupported(string name, string path, string why, List<ConfigurationOverrideProblem> problems)
    {
        problems.Add(new(name, path, $"{why}.", "Remove the entry."));
        return null;
    }

    private static bool? ParseBool(string name, string path, string raw, List<ConfigurationOverrideProblem> problems)
    {
        switch (raw.Trim().ToUpperInvariant())
        {
            case "TRUE" or "ON" or "YES" or "1":
                return true;
            case "FALSE" or "OFF" or "NO" or "0":
                return false;
            default:
                problems.Add(new(name, path, $"'{raw}' is not a boolean.", "Use true or false."));
                return null;
        }
    }
}
