namespace FeatureFlags;

/// <summary>
/// Validation of namespace and toggle names. Names use lower-case letters, digits and underscores and start with a letter;
/// namespaces may be dotted (<c>lms.courseware</c>).
/// </summary>
internal static class ToggleNames
{
    /// <summary>The longest full name accepted, so every store can index it.</summary>
    public const int MaxFullNameLength = 200;

    public static void ValidateNamespace(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        foreach (var segment in name.Split('.'))
        {
            if (!IsValidSegment(segment))
            {
                throw new ArgumentException(
                    $"Toggle namespace '{name}' is invalid: each dot-separated part must start with a lower-case letter and contain only lower-case letters, digits and '_'.",
                    nameof(name));
            }
        }
    }

    public static void ValidateName(string ns, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!IsValidSegment(name))
        {
            throw new ArgumentException(
                $"Toggle name '{name}' in namespace '{ns}' is invalid: it must start with a lower-case letter and contain only lower-case letters, digits and '_'.",
                nameof(name));
        }

        if (ns.Length + 1 + name.Length > MaxFullNameLength)
        {
            throw new ArgumentException(
                $"Toggle name '{ns}.{name}' is longer than {MaxFullNameLength} characters.", nameof(name));
        }
    }

    /// <summary>Returns whether <paramref name="fullName"/> is a valid <c>namespace.name</c>.</summary>
    public static bool IsValidFullName(string? fullName)
    {
        if (string.IsNullOrEmpty(fullName) || fullName.Length > MaxFullNameLength)
        {
            return false;
        }

        var lastDot = fullName.LastIndexOf('.');
        if (lastDot <= 0)
        {
            return false;
        }

        foreach (var segment in fullName.Split('.'))
        {
            if (!IsValidSegment(segment))
            {
                return false;
            }
        }

        return true;
    }

    public static void ValidateFullName(string fullName, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fullName, paramName);
        if (!IsValidFullName(fullName))
        {
            throw new ArgumentException(
                $"'{fullName}' is not a valid toggle name: expected 'namespace.name' of lower-case letters, digits and '_', at most {MaxFullNameLength} characters.",
                paramName);
        }
    }

    private static bool IsValidSegment(string segment)
    {
        if (segment.Length == 0 || !char.IsAsciiLetterLower(segment[0]))
        {
            return false;
        }

        foreach (var c in segment)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
