using System.Globalization;

namespace FeatureFlags;

/// <summary>
/// Reads schedules typed by people and clients (the CLI's <c>--from</c>/<c>--until</c>, the admin API's
/// <c>activeFrom</c>/<c>activeUntil</c>, the dashboard's fields) the same way everywhere: ISO 8601 instants with
/// <c>Z</c> or an offset, converted to UTC. A local time without an offset is refused, because the machine that reads
/// it is not necessarily in the time zone the writer meant.
/// </summary>
internal static class ScheduleText
{
    private static readonly string[] WithOffset =
    [
        "yyyy-MM-dd'T'HH:mmzzz",
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm'Z'",
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    private static readonly string[] WithoutOffset =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd HH:mm:ss",
    ];

    /// <summary>Reads one instant; <paramref name="field"/> names it in the message (such as <c>--from</c> or <c>activeFrom</c>).</summary>
    /// <exception cref="FormatException">The text is not an ISO 8601 instant with <c>Z</c> or an offset.</exception>
    public static DateTimeOffset ParseInstant(string text, string field)
    {
        var trimmed = text.Trim();
        var utc = trimmed.EndsWith('z') ? trimmed[..^1] + "Z" : trimmed;
        if (DateTimeOffset.TryParseExact(utc, WithOffset, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.ToUniversalTime();
        }

        if (DateTime.TryParseExact(trimmed, WithoutOffset, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new FormatException(
                $"{field} '{trimmed}' has no offset, so the instant it means depends on a time zone: write it in UTC with Z (such as 2026-12-07T09:00:00Z) or with its offset (such as 2026-12-07T10:00:00+01:00).");
        }

        throw new FormatException(
            $"{field} '{trimmed}' is not an ISO 8601 instant with an offset, such as 2026-12-07T09:00:00Z or 2026-12-07T10:00:00+01:00.");
    }

    /// <summary>
    /// Returns the schedule of a start and an end typed as text (either may be null or empty), or <see langword="null"/>
    /// when neither is given.
    /// </summary>
    /// <exception cref="FormatException">A value is not an ISO 8601 instant with an offset, or the end is not after the start.</exception>
    public static ToggleSchedule? Parse(string? from, string? until, string fromField, string untilField)
    {
        var start = string.IsNullOrWhiteSpace(from) ? (DateTimeOffset?)null : ParseInstant(from, fromField);
        var end = string.IsNullOrWhiteSpace(until) ? (DateTimeOffset?)null : ParseInstant(until, untilField);
        if (start is null && end is null)
        {
            return null;
        }

        if (start is { } s && end is { } e && e <= s)
        {
            throw new FormatException(
                $"{untilField} ({ToggleSchedule.Format(e)}) must be after {fromField} ({ToggleSchedule.Format(s)}): the schedule would never apply.");
        }

        return new ToggleSchedule(start, end);
    }

    /// <summary>The status as the surfaces print it: pending, active or expired.</summary>
    public static string Name(ToggleScheduleStatus status) => status switch
    {
        ToggleScheduleStatus.Pending => "pending",
        ToggleScheduleStatus.Expired => "expired",
        _ => "active",
    };
}
