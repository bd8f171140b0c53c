namespace FeatureFlags.Storage;

/// <summary>
/// The layout of keys in the generic store: a toggle's rules live under its full name, and each override under
/// <c>{full name}/site/{site}</c>, <c>{full name}/course/{course key}</c> or <c>{full name}/org/{organisation}</c>.
/// </summary>
public static class ToggleKeys
{
    /// <summary>
    /// The longest site, course or organisation key accepted, in characters.
    /// </summary>
    public const int MaxSubjectLength = 1000;

    /// <summary>
    /// The largest site, course or organisation key accepted, in UTF-8 bytes, so that every store can index the key.
    /// </summary>
    public const int MaxSubjectBytes = 2048;

    /// <summary>
    /// The largest whole key accepted by stores, in UTF-8 bytes: a full name, a level and a subject.
    /// </summary>
    public const int MaxKeyBytes = 2304;

    private const string SiteSegment = "/site/";
    private const string CourseSegment = "/course/";
    private const string OrgSegment = "/org/";

    /// <summary>
    /// Returns the key of an override.
    /// </summary>
    /// <param name="fullName">The toggle's full name.</param>
    /// <param name="level">Where the override applies.</param>
    /// <param name="subject">The site, course key or organisation.</param>
    /// <returns>The store key.</returns>
    /// <exception cref="ArgumentException">The name or the subject is invalid.</exception>
    public static string ForOverride(string fullName, OverrideLevel level, string subject)
    {
        ToggleNames.ValidateFullName(fullName, nameof(fullName));
        ValidateSubject(subject, nameof(subject));
        return fullName + Segment(level) + subject;
    }

    /// <summary>
    /// Returns the prefix under which all overrides of a toggle are stored.
    /// </summary>
    /// <param name="fullName">The toggle's full name.</param>
    /// <returns>The prefix, <c>{full name}/</c>.</returns>
    public static string OverridePrefix(string fullName) => fullName + "/";

    /// <summary>
    /// Splits a key into the toggle's full name and, for an override, its level and subject.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="fullName">The toggle's full name.</param>
    /// <param name="level">The override level, or <see langword="null"/> for the toggle's rules.</param>
    /// <param name="subject">The override subject, or <see langword="null"/> for the toggle's rules.</param>
    /// <returns><see langword="false"/> when the key does not follow the layout.</returns>
    public static bool TryParse(string key, out string fullName, out OverrideLevel? level, out string? subject)
    {
        ArgumentNullException.ThrowIfNull(key);
        level = null;
        subject = null;
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            fullName = key;
            return ToggleNames.IsValidFullName(key);
        }

        fullName = key[..slash];
        if (!ToggleNames.IsValidFullName(fullName))
        {
            return false;
        }

        var rest = key.AsSpan(slash);
        foreach (var candidate in (ReadOnlySpan<OverrideLevel>)[OverrideLevel.Site, OverrideLevel.Course, OverrideLevel.Organization])
        {
            var segment = Segment(candidate);
            if (rest.StartsWith(segment, StringComparison.Ordinal) && rest.Length > segment.Length)
            {
                level = candidate;
                subject = rest[segment.Length..].ToString();
                return true;
            }
        }

        return false;
    }

    internal static void ValidateSubject(string subject, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject, paramName);
        if (subject.Length > MaxSubjectLength)
        {
            throw new ArgumentException($"Override subject is {subject.Length} characters long; at most {MaxSubjectLength} are allowed.", paramName);
        }

        var bytes = System.Text.Encoding.UTF8.GetByteCount(subject);
        if (bytes > MaxSubjectBytes)
        {
            throw new ArgumentException($"Override subject is {bytes} bytes long in UTF-8; at most {MaxSubjectBytes} are allowed.", paramName);
        }

        foreach (var c in subject)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"Override subject '{subject}' contains a control character.", paramName);
            }
        }
    }

    private static string Segment(OverrideLevel level) => level switch
    {
        OverrideLevel.Site => SiteSegment,
        OverrideLevel.Course => CourseSegment,
        OverrideLevel.Organization => OrgSegment,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown override level."),
    };
}
