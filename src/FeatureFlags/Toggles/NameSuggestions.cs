namespace FeatureFlags;

/// <summary>Finds the known toggle name nearest to a mistyped one, for "did you mean" hints.</summary>
internal static class NameSuggestions
{
    /// <summary>
    /// Returns the candidate with the smallest edit distance to <paramref name="name"/>, if it is close enough to be a
    /// plausible typo (at most a quarter of the name's length, and at least two edits allowed); ties go to the first in
    /// ordinal order.
    /// </summary>
    public static string? Nearest(string name, IEnumerable<string> candidates)
    {
        var limit = Math.Max(2, name.Length / 4);
        return candidates
            .Distinct(StringComparer.Ordinal)
            .Where(c => !string.Equals(c, name, StringComparison.Ordinal))
            .Select(c => (Name: c, Distance: Distance(name, c)))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    /// <summary>Returns the Levenshtein distance (insertions, deletions and substitutions) between two strings.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
