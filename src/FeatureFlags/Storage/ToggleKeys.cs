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

        return TryParseOverride(key, slash, out level, out subject);
    }

    /// <summary>
    /// Reads the level and subject of an override key whose toggle name ends at <paramref name="slash"/> (the index of
    /// the slash after it), for callers that already know the toggle.
    /// </summary>
    internal static bool TryParseOverride(string key, int slash, out OverrideLevel? level, out string? subject)
    {
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

        level = null;
        subject = null;
        return false;
    }

    /// <summary>
    /// Checks that a store key is one every store can hold: not empty, at most <see cref="MaxKeyBytes"/> UTF-8 bytes,
    /// and free of control characters (PostgreSQL cannot store U+0000).
    /// </summary>
    /// <param name="key">The key.</param>
    /// <exception cref="ArgumentException">The key is empty, too long or contains a control character.</exception>
    public static void ValidateKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var bytes = System.Text.Encoding.UTF8.GetByteCount(key);
        if (bytes > MaxKeyBytes)
        {
            throw new ArgumentException($"Key '{Shorten(key)}' is {bytes} bytes long in UTF-8; at most {MaxKeyBytes} are allowed.", nameof(key));
        }

        if (key.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0 || key.AsSpan().IndexOfAnyInRange('\u007f', '\u009f') >= 0)
        {
            throw new ArgumentException($"Key '{TextRules.Escape(Shorten(key))}' contains a control character.", nameof(key));
        }
    }

    /// <summary>
    /// Checks that a stored value can be held by every store: PostgreSQL cannot store U+0000 in text.
    /// </summary>
    /// <param name="key">The key, for the message.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentException">The value contains U+0000.</exception>
    public static void ValidateValue(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The value of '{TextRules.Escape(Shorten(key))}' contains U+0000, which stores cannot hold.", nameof(value));
        }
    }

    /// <summary>
    /// Returns the form in which site keys are stored and compared: white space trimmed, lower case, without a trailing
    /// dot, and internationalised domain names in their ASCII (punycode) form, so <c>Shop.Example.com.</c> and
    /// <c>shop.example.com</c> name one site.
    /// </summary>
    /// <param name="site">A site key or host name.</param>
    /// <returns>The normalised site key (the same instance when it is already normal).</returns>
    /// <exception cref="ArgumentException">The site is empty or not a valid internationalised domain name.</exception>
    public static string NormalizeSite(string site)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(site);
        if (IsNormalSite(site))
        {
            return site;
        }

        var trimmed = site.Trim().TrimEnd('.').ToLowerInvariant();
        if (trimmed.Length == 0)
        {
            throw new ArgumentException($"Site '{TextRules.Escape(site)}' is empty once its trailing dots are removed.", nameof(site));
        }

        if (!System.Text.Ascii.IsValid(trimmed))
        {
            try
            {
                trimmed = new System.Globalization.IdnMapping().GetAscii(trimmed);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"Site '{TextRules.Escape(site)}' is not a valid internationalised domain name: {ex.Message}", nameof(site), ex);
            }
        }

        return trimmed;
    }

    /// <summary>Normalises a site as <see cref="NormalizeSite"/> does, but never throws: an invalid name is only lower-cased.</summary>
    internal static string NormalizeSiteOrLowerCase(string site)
    {
        try
        {
            return NormalizeSite(site);
        }
        catch (ArgumentException)
        {
            return site.ToLowerInvariant();
        }
    }

    private static bool IsNormalSite(string site)
    {
        if (site.Length == 0 || site[^1] == '.' || char.IsWhiteSpace(site[0]) || char.IsWhiteSpace(site[^1]))
        {
            return false;
        }

        foreach (var c in site)
        {
            if (c > '\u007f' || char.IsAsciiLetterUpper(c))
            {
                return false;
            }
        }

        return true;
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

        if (TextRules.FindUnsafe(subject) is { } unsafeChar)
        {
            throw new ArgumentException($"Override subject '{TextRules.Escape(subject)}' contains {TextRules.Describe(unsafeChar)}; control and bidirectional formatting characters are not allowed.", paramName);
        }
    }

    private static string Shorten(string key) => key.Length <= 80 ? key : string.Concat(key.AsSpan(0, 77), "...");

    private static string Segment(OverrideLevel level) => level switch
    {
        OverrideLevel.Site => SiteSegment,
        OverrideLevel.Course => CourseSegment,
        OverrideLevel.Organization => OrgSegment,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown override level."),
    };
}
