namespace FeatureFlags;

/// <summary>
/// Validation of namespace and toggle names. Names use lower-case letters, digits and underscores and start with a letter;
/// namespaces may be dotted (<c>lms.courseware</c>). The rules are in <see cref="ToggleNameRules"/>, shared with the analyzer;
/// this class turns them into exceptions.
/// </summary>
internal static class ToggleNames
{
    /// <summary>The longest full name accepted, so every store can index it.</summary>
    public const int MaxFullNameLength = ToggleNameRules.MaxFullNameLength;

    public static void ValidateNamespace(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!ToggleNameRules.IsValidNamespace(name))
        {
            throw new ArgumentException(
                $"Toggle namespace '{name}' is invalid: each dot-separated part must start with a lower-case letter and contain only lower-case letters, digits and '_'.",
                nameof(name));
        }
    }

    public static void ValidateName(string ns, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!ToggleNameRules.IsValidName(name))
        {
            throw new ArgumentException(
                $"Toggle name '{name}' in namespace '{ns}' is invalid: it must start with a lower-case letter and contain only lower-case letters, digits and '_'.",
                nameof(name));
        }

        if (!ToggleNameRules.FitsLength(ns, name))
        {
            throw new ArgumentException(
                $"Toggle name '{ns}.{name}' is longer than {MaxFullNameLength} characters.", nameof(name));
        }
    }

    /// <summary>Returns whether <paramref name="fullName"/> is a valid <c>namespace.name</c>.</summary>
    public static bool IsValidFullName(string? fullName) => ToggleNameRules.IsValidFullName(fullName);

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
}
