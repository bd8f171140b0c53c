namespace FeatureFlags;

/// <summary>
/// The naming rules themselves, free of exceptions and of APIs newer than netstandard2.0: the runtime
/// (<c>ToggleNames</c>) and the compile-time analyzer compile this one file, so the two cannot drift.
/// </summary>
internal static class ToggleNameRules
{
    /// <summary>The longest full name accepted, so every store can index it.</summary>
    public const int MaxFullNameLength = 200;

    /// <summary>Returns whether <paramref name="name"/> is a namespace: dot-separated valid segments.</summary>
    public static bool IsValidNamespace(string? name)
    {
        if (name is null || name.Length == 0)
        {
            return false;
        }

        foreach (var segment in name.Split('.'))
        {
            if (!IsValidSegment(segment))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns whether <paramref name="name"/> is a toggle's name within its namespace (one segment).</summary>
    public static bool IsValidName(string? name) => name is not null && IsValidSegment(name);

    /// <summary>Returns whether <c>namespace.name</c> fits <see cref="MaxFullNameLength"/>.</summary>
    public static bool FitsLength(string ns, string name) => ns.Length + 1 + name.Length <= MaxFullNameLength;

    /// <summary>Returns whether <paramref name="fullName"/> is a valid <c>namespace.name</c>.</summary>
    public static bool IsValidFullName(string? fullName)
    {
        if (fullName is null || fullName.Length == 0 || fullName.Length > MaxFullNameLength)
        {
            return false;
        }

        var lastDot = fullName.LastIndexOf('.');
        return lastDot > 0 && IsValidNamespace(fullName);
    }

    /// <summary>Returns whether <paramref name="segment"/> starts with a lower-case ASCII letter and holds only lower-case ASCII letters, digits and '_'.</summary>
    public static bool IsValidSegment(string segment)
    {
        if (segment.Length == 0 || !IsLower(segment[0]))
        {
            return false;
        }

        foreach (var c in segment)
        {
            if (!IsLower(c) && c is not (>= '0' and <= '9') && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLower(char c) => c is >= 'a' and <= 'z';
}
