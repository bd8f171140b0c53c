namespace FeatureFlags;

/// <summary>
/// A toggle's overrides from configuration (<c>FeatureToggles:Overrides:{full name}</c>): one value for the whole toggle
/// and, for course and organisation flags, values per course and per organisation. Immutable; a configuration reload
/// replaces it whole.
/// </summary>
internal sealed class ConfigurationOverride(
    string path,
    bool? enabled,
    Dictionary<string, ConfiguredValue>? courses,
    Dictionary<string, ConfiguredValue>? organizations)
{
    /// <summary>Gets the configuration path of the toggle's entry, such as <c>FeatureToggles:Overrides:checkout.new_cart</c>.</summary>
    public string Path => path;

    public bool? Enabled => enabled;

    public Dictionary<string, ConfiguredValue>? Courses => courses;

    public Dictionary<string, ConfiguredValue>? Organizations => organizations;

    /// <summary>
    /// Answers from configuration, most specific first: the course, then the organisation (given, or the course's),
    /// then the whole toggle. Allocates nothing.
    /// </summary>
    public bool TryDecide(Toggle toggle, string? subject, ICourseKeyParser courseKeys, out bool value)
    {
        if (subject is not null && Find(toggle, subject, courseKeys) is { } entry)
        {
            value = entry.Enabled;
            return true;
        }

        value = enabled.GetValueOrDefault();
        return enabled.HasValue;
    }

    /// <summary>Returns the sentence that <c>Explain</c> shows for an answer from configuration.</summary>
    public string Describe(Toggle toggle, string? subject, ICourseKeyParser courseKeys, bool value)
    {
        var onOff = value ? "on" : "off";
        if (subject is not null && Find(toggle, subject, courseKeys) is { } entry)
        {
            var what = toggle is CourseFlag && courses is not null && courses.ContainsKey(subject)
                ? $"course '{subject}'"
                : toggle is CourseFlag ? $"organisation '{courseKeys.GetOrganization(subject)}' of course '{subject}'" : $"organisation '{subject}'";
            return $"forced {onOff} for {what} by configuration ({entry.Path})";
        }

        return $"forced {onOff} by configuration ({path})";
    }

    /// <summary>Returns a one-line summary for the report, such as <c>on; 2 courses (1 on, 1 off)</c>.</summary>
    public string Summarize()
    {
        var parts = new List<string>();
        if (enabled is { } on)
        {
            parts.Add(on ? "on" : "off");
        }

        if (courses is { Count: > 0 })
        {
            parts.Add($"{courses.Count} course(s) ({courses.Values.Count(v => v.Enabled)} on, {courses.Values.Count(v => !v.Enabled)} off)");
        }

        if (organizations is { Count: > 0 })
        {
            parts.Add($"{organizations.Count} org(s) ({organizations.Values.Count(v => v.Enabled)} on, {organizations.Values.Count(v => !v.Enabled)} off)");
        }

        return string.Join("; ", parts);
    }

    /// <summary>Returns every value this override can answer with.</summary>
    public IEnumerable<bool> Values()
    {
        if (enabled is { } on)
        {
            yield return on;
        }

        foreach (var value in (courses?.Values ?? Enumerable.Empty<ConfiguredValue>()).Concat(organizations?.Values ?? Enumerable.Empty<ConfiguredValue>()))
        {
            yield return value.Enabled;
        }
    }

    private ConfiguredValue? Find(Toggle toggle, string subject, ICourseKeyParser courseKeys)
    {
        if (toggle is CourseFlag)
        {
            if (courses is not null && courses.TryGetValue(subject, out var course))
            {
                return course;
            }

            if (organizations is not null)
            {
                var org = courseKeys.GetOrganization(subject);
                if (!org.IsEmpty && (organizations.TryGetAlternateLookup<ReadOnlySpan<char>>(out var lookup) ? lookup.TryGetValue(org, out var orgValue) : organizations.TryGetValue(org.ToString(), out orgValue)))
                {
                    return orgValue;
                }
            }
        }
        else if (toggle is OrgFlag && organizations is not null && organizations.TryGetValue(subject, out var orgValue))
        {
            return orgValue;
        }

        return null;
    }
}
