using System.Globalization;
using System.Text;

namespace FeatureFlags;

/// <summary>
/// Rules for free text that operators type and other operators later read (reasons, subjects, site keys): no control
/// characters (which can forge lines on a terminal) and no bidirectional formatting characters (which can make text
/// read differently from what is stored).
/// </summary>
internal static class TextRules
{
    /// <summary>Returns the first control or bidirectional formatting character of <paramref name="text"/>, if any.</summary>
    public static char? FindUnsafe(string text)
    {
        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>
    /// Returns the first character of <paramref name="text"/> that shows as nothing or as a plain space while being
    /// another character: formatting characters (zero-width space, joiners, tag letters), variation selectors and
    /// combining joiners, fillers (Hangul, Braille blank) and every white space but the ordinary space. Such a key is
    /// stored and never matches what callers pass.
    /// </summary>
    public static System.Text.Rune? FindInvisible(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            var category = System.Text.Rune.GetUnicodeCategory(rune);
            var value = rune.Value;
            if (category == UnicodeCategory.Format
                || (System.Text.Rune.IsWhiteSpace(rune) && value != ' ')
                || value is 0x034F or 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800
                || value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF) or (>= 0x180B and <= 0x180F))
            {
                return rune;
            }
        }

        return null;
    }

    /// <summary>Returns whether <paramref name="c"/> is a control character or a bidirectional formatting character.</summary>
    public static bool IsUnsafe(char c) => char.IsControl(c) || IsBidiFormatting(c);

    /// <summary>Describes a character for an error message, such as <c>U+001B (a control character)</c>.</summary>
    public static string Describe(char c)
        => string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4} ({(IsBidiFormatting(c) ? "a bidirectional formatting character" : "a control character")})");

    /// <summary>
    /// Returns <paramref name="text"/> with every control and bidirectional formatting character written as <c>\uXXXX</c>
    /// (and backslashes doubled), so it prints as one inert line on any terminal.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var needs = false;
        foreach (var c in text)
        {
            if (c == '\\' || IsUnsafe(c))
            {
                needs = true;
                break;
            }
        }

        if (!needs)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c == '\\')
            {
                builder.Append(@"\\");
            }
            else if (IsUnsafe(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Checks a reason for the audit: at most <paramref name="maxLength"/> characters, no control or bidirectional
    /// formatting characters.
    /// </summary>
    /// <exception cref="ArgumentException">The reason breaks a rule; the message names it.</exception>
    public static void ValidateReason(string? reason, int maxLength)
    {
        if (reason is null)
        {
            return;
        }

        if (reason.Length > maxLength)
        {
            throw new ArgumentException($"The reason is {reason.Length} characters long; at most {maxLength} are allowed.", nameof(reason));
        }

        if (FindUnsafe(reason) is { } c)
        {
            throw new ArgumentException($"The reason contains {Describe(c)}; write it on one line without control or bidirectional formatting characters.", nameof(reason));
        }
    }

    private static bool IsBidiFormatting(char c)
        => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
