namespace FeatureFlags;

/// <summary>
/// Checks a toggle's list of prerequisites on its own (names, count, duplicates, itself). Cycles through other toggles
/// need the stored state and are checked by the admin when the state is written.
/// </summary>
internal static class PrerequisiteRules
{
    public static void Validate(IReadOnlyList<TogglePrerequisite> requires)
    {
        ArgumentNullException.ThrowIfNull(requires);
        if (requires.Count > TogglePrerequisite.MaxCount)
        {
            throw new ArgumentException($"{requires.Count} prerequisites are given; at most {TogglePrerequisite.MaxCount} are allowed.", nameof(requires));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var prerequisite in requires)
        {
            if (prerequisite is null)
            {
                throw new ArgumentException("A prerequisite is missing.", nameof(requires));
            }

            if (!ToggleNames.IsValidFullName(prerequisite.Toggle))
            {
                throw new ArgumentException($"Prerequisite '{TextRules.Escape(prerequisite.Toggle ?? string.Empty)}' is not a valid toggle name.", nameof(requires));
            }

            if (!seen.Add(prerequisite.Toggle))
            {
                throw new ArgumentException($"Prerequisite '{prerequisite.Toggle}' is listed twice.", nameof(requires));
            }
        }
    }
}
