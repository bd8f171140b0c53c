using static FeatureFlags.Dashboard.Html;

namespace FeatureFlags.Dashboard;

/// <summary>
/// Schedules on the dashboard: the optional "active from"/"active until" fields of the forms, and the status of a
/// scheduled value. The fields are text, not <c>datetime-local</c> (which has no offset): they take an ISO 8601 instant
/// with <c>Z</c> or an offset, as the CLI and the admin API do, and the server reads them with the same rules.
/// </summary>
internal static class ScheduleMarkup
{
    /// <summary>The name of the "active from" field, as <see cref="DashboardActions"/> reads it.</summary>
    public const string FromField = "activeFrom";

    /// <summary>The name of the "active until" field, as <see cref="DashboardActions"/> reads it.</summary>
    public const string UntilField = "activeUntil";

    // The browser's check is a convenience; the server applies ScheduleText, which refuses a local time with its reason.
    private const string Pattern = "\\s*\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,7})?)?([Zz]|[+\\-]\\d{2}:?\\d{2})\\s*";

    /// <summary>Appends the two optional fields, filled with <paramref name="current"/> when given.</summary>
    public static Html ScheduleFields(this Html html, string idPrefix, ToggleSchedule? current = null)
    {
        html.Raw("<span class=\"schedule\">");
        Field(html, $"{idPrefix}-from", FromField, "Active from", current?.ActiveFrom);
        Field(html, $"{idPrefix}-until", UntilField, "Active until", current?.ActiveUntil);
        return html.Raw("<small class=\"muted\">Optional. ISO 8601 with Z (UTC) or an offset, such as 2026-12-07T09:00:00Z or 2026-12-07T10:00+01:00; a time without an offset is refused. Empty: always.</small></span> ");
    }

    /// <summary>Appends a status as text with a class (expired is highlighted, never by colour alone).</summary>
    public static Html ScheduleStatus(this Html html, ToggleScheduleStatus status)
        => html.Raw($"<b class=\"sched sched-{ScheduleText.Name(status)}\">{ScheduleText.Name(status)}</b>");

    private static void Field(Html html, string id, string name, string label, DateTimeOffset? value)
        => html.Raw($"<label for=\"{id}\">{label} (UTC or with offset)</label><input type=\"text\" id=\"{id}\" name=\"{name}\" value=\"{E(value is { } v ? ToggleSchedule.Format(v) : null)}\" ")
            .Raw($"pattern=\"{E(Pattern)}\" title=\"An ISO 8601 instant with Z or an offset, such as 2026-12-07T09:00:00Z\" placeholder=\"2026-12-07T09:00:00Z\" size=\"22\" autocomplete=\"off\"> ");
}
