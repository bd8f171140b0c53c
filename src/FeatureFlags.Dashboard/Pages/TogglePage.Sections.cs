using System.Globalization;
using System.Text.Json;
using FeatureFlags.Storage;
using static FeatureFlags.Dashboard.Html;

namespace FeatureFlags.Dashboard;

/// <summary>
/// The overrides and history sections of the toggle page.
/// </summary>
internal static partial class TogglePage
{
    /// <summary>The override levels a toggle takes: site for every type, course and org for course flags, org for org flags.</summary>
    public static IEnumerable<OverrideLevel> Levels(Toggle? declared) => declared switch
    {
        CourseFlag => [OverrideLevel.Course, OverrideLevel.Organization, OverrideLevel.Site],
        OrgFlag => [OverrideLevel.Organization, OverrideLevel.Site],
        _ => [OverrideLevel.Site],
    };

    /// <summary>Every scheduled value of the toggle (its state and its overrides), with its window and status; expired rows highlighted.</summary>
    private static void Schedules(Html html, string name, ToggleSummary summary, IReadOnlyList<ToggleScheduledState> schedules)
    {
        if (schedules.Count == 0)
        {
            return;
        }

        html.Raw($"<h2 id=\"schedules\">Schedules ({N(schedules.Count)})</h2>")
            .Raw("<p class=\"muted\">Outside its window a value is as if it were not stored. Times are UTC. An expired value no longer does anything: clear or delete it.</p>")
            .Raw("<table><thead><tr><th scope=\"col\">Value</th><th scope=\"col\">Active from (UTC)</th><th scope=\"col\">Active until (UTC)</th><th scope=\"col\">Status</th></tr></thead><tbody>");
        foreach (var scheduled in schedules.OrderBy(s => s.Key == name ? 0 : 1).ThenBy(s => s.Key, StringComparer.Ordinal))
        {
            html.Raw($"<tr{(scheduled.Status == ToggleScheduleStatus.Expired ? " class=\"expired\"" : string.Empty)}><td>{E(Describe(name, summary, scheduled.Key))}</td>")
                .Raw($"<td>{E(scheduled.Schedule.ActiveFrom is { } from ? ToggleSchedule.Format(from) : "(already)")}</td>")
                .Raw($"<td>{E(scheduled.Schedule.ActiveUntil is { } until ? ToggleSchedule.Format(until) : "(never)")}</td><td>")
                .ScheduleStatus(scheduled.Status).Raw("</td></tr>");
        }

        html.Raw("</tbody></table>");
    }

    private static string Describe(string name, ToggleSummary summary, string key)
    {
        if (key == name || !ToggleKeys.TryParse(key, out _, out var level, out var subject) || level is null)
        {
            return $"the stored state ({summary.Text})";
        }

        var forced = summary.Overrides.FirstOrDefault(o => o.Level == level && o.Subject == subject);
        return $"{ToggleSummary.LevelName(level.Value)} override for '{subject}'" + (forced.Subject is null ? string.Empty : $": {(forced.On ? "on" : "off")}");
    }

    private static void Overrides(Html html, DashboardRequest request, string name, Toggle? declared, ToggleSummary summary, IReadOnlyList<ToggleScheduledState> schedules, bool mayEdit)
    {
        var scheduledOverrides = new Dictionary<(OverrideLevel, string), ToggleScheduleStatus>();
        foreach (var scheduled in schedules)
        {
            if (ToggleKeys.TryParse(scheduled.Key, out _, out var scheduledLevel, out var scheduledSubject) && scheduledLevel is { } l)
            {
                scheduledOverrides[(l, scheduledSubject!)] = scheduled.Status;
            }
        }

        var query = request.Http.Request.Query;
        var search = query["oq"].ToString().Trim();
        _ = int.TryParse(query["op"], NumberStyles.None, CultureInfo.InvariantCulture, out var page);
        page = Math.Max(page, 1);
        var size = request.Options.PageSize;
        var matching = summary.Overrides
            .Where(o => search.Length == 0 || o.Subject.Contains(search, StringComparison.OrdinalIgnoreCase))
            .OrderBy(o => o.Level).ThenBy(o => o.Subject, StringComparer.Ordinal)
            .ToList();
        var action = $"{E(request.Base)}/t/{U(name)}";
        html.Raw($"<h2>Overrides ({N(summary.Overrides.Count)})</h2>")
            .Raw($"<form method=\"get\" action=\"{action}\" class=\"filters\" role=\"search\"><label>Find a subject <input type=\"search\" name=\"oq\" value=\"{E(search)}\"></label><button type=\"submit\">Find</button></form>");
        if (matching.Count > 0)
        {
            html.Raw("<table><thead><tr><th scope=\"col\">Level</th><th scope=\"col\">Subject</th><th scope=\"col\">Forced</th><th scope=\"col\">Version</th>")
                .Raw(mayEdit ? "<th scope=\"col\">Change</th>" : string.Empty).Raw("</tr></thead><tbody>");
            foreach (var (level, subject, on, version) in matching.Skip((page - 1) * size).Take(size))
            {
                html.Raw($"<tr><td>{ToggleSummary.LevelName(level)}</td><td>{E(subject)}</td><td>").State(on ? "on" : "off");
                if (scheduledOverrides.TryGetValue((level, subject), out var status))
                {
                    html.Raw(" ").ScheduleStatus(status);
                }

                html.Raw($"</td><td>{N(version)}</td>");
                if (mayEdit)
                {
                    // One reason field per row serves both buttons: force the other way, or clear.
                    var flip = on ? "off" : "on";
                    html.Raw($"<td><form method=\"post\" action=\"{action}/override\" class=\"inline\">")
                        .Hidden("level", LevelValue(level)).Hidden("subject", subject).Hidden("version", N(version))
                        .ChangeFields(request, $"row-{N(version)}", level == OverrideLevel.Site ? name : null)
                        .Raw($"<button type=\"submit\" name=\"value\" value=\"{flip}\" aria-label=\"Force the {ToggleSummary.LevelName(level)} override for {E(subject)} {flip}\">Force {flip}</button> ")
                        .Raw($"<button type=\"submit\" name=\"value\" value=\"clear\" aria-label=\"Clear the {ToggleSummary.LevelName(level)} override for {E(subject)}\">Clear</button></form></td>");
                }

                html.Raw("</tr>");
            }

            html.Raw("</tbody></table>");
            Pager(html, $"{action}?oq={U(search)}&amp;op=", page, (matching.Count + size - 1) / size);
        }
        else
        {
            html.Raw("<p class=\"muted\">No overrides" + (search.Length > 0 ? " match." : ".") + "</p>");
        }

        if (!mayEdit)
        {
            return;
        }

        html.Raw($"<form method=\"post\" action=\"{action}/override\"><fieldset><legend>Add an override</legend>");
        LevelSelect(html, declared, "o-level");
        html.Raw("<label for=\"o-subject\">Subject (site, course key or organisation)</label><input type=\"text\" id=\"o-subject\" name=\"subject\" required> ")
            .Raw("<label for=\"o-value\">Force</label><select id=\"o-value\" name=\"value\"><option value=\"on\">on</option><option value=\"off\">off</option></select> ")
            .Hidden("version", "0").ScheduleFields("override").ChangeFields(request, "override", name, "site overrides only")
            .Raw("<button type=\"submit\">Add override</button></fieldset></form>");

        html.Raw($"<form method=\"post\" action=\"{action}/overrides/bulk\"><fieldset><legend>Add overrides in bulk</legend>");
        LevelSelect(html, declared, "b-level");
        html.Raw("<label for=\"b-subjects\">Subjects, one per line</label><textarea id=\"b-subjects\" name=\"subjects\" rows=\"4\" required></textarea>")
            .Raw("<label for=\"b-value\">Force</label><select id=\"b-value\" name=\"value\"><option value=\"on\">on</option><option value=\"off\">off</option></select> ")
            .ChangeFields(request, "bulk", name)
            .Raw("<button type=\"submit\">Add all (all or nothing)</button></fieldset></form>");
    }

    public static string LevelValue(OverrideLevel level) => level switch
    {
        OverrideLevel.Site => "site",
        OverrideLevel.Course => "course",
        _ => "organization",
    };

    private static void LevelSelect(Html html, Toggle? declared, string id)
    {
        html.Raw($"<label for=\"{id}\">Level</label><select id=\"{id}\" name=\"level\">");
        foreach (var level in Levels(declared))
        {
            html.Raw($"<option value=\"{LevelValue(level)}\">{ToggleSummary.LevelName(level)}</option>");
        }

        html.Raw("</select> ");
    }

    /// <summary>The history section; when <paramref name="revertable"/>, rows of the toggle's own key can be reverted to (from <paramref name="current"/>).</summary>
    private static async Task HistoryAsync(Html html, DashboardRequest request, string name, bool revertable, ToggleRecord? current, CancellationToken cancellationToken)
    {
        var query = request.Http.Request.Query;
        long? before = long.TryParse(query["hb"], NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b > 0 ? b : null;
        var page = await request.Get<IToggleAdmin>().GetHistoryPageAsync(name, before, request.Options.PageSize, cancellationToken).ConfigureAwait(false);
        html.Raw("<h2>History</h2>");
        if (page.Entries.Count == 0)
        {
            html.Raw("<p class=\"muted\">No changes recorded.</p>");
            return;
        }

        HistoryTable(html, page.Entries, revertable ? new HistoryRevert(request, name, current) : null);
        if (page.NextBeforeVersion is { } next)
        {
            html.Raw($"<p class=\"pager\"><a href=\"{E(request.Base)}/t/{U(name)}?hb={N(next)}#history\">Older changes</a></p>");
        }
    }

    /// <summary>Who, when, why, and what changed (a before/after diff of the stored value's fields).</summary>
    private static void HistoryTable(Html html, IEnumerable<ToggleAuditEntry> entries, HistoryRevert? revert = null)
    {
        html.Raw("<table id=\"history\"><thead><tr><th scope=\"col\">When (UTC)</th><th scope=\"col\">Who</th><th scope=\"col\">Change</th><th scope=\"col\">Key</th><th scope=\"col\">Why</th><th scope=\"col\">What changed</th>")
            .Raw(revert is null ? string.Empty : "<th scope=\"col\">Version</th><th scope=\"col\">Revert</th>")
            .Raw("</tr></thead><tbody>");
        foreach (var entry in entries)
        {
            html.Raw($"<tr><td>{E(entry.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))}</td><td>{E(entry.Actor)}</td><td>{E(entry.Action.ToString())}</td><td>{E(entry.Key)}</td><td>{E(entry.Reason)}</td><td>");
            foreach (var (field, old, now) in Diff(entry.Before, entry.After))
            {
                html.Raw($"<div>{E(field)}: ");
                if (old is not null)
                {
                    html.Raw($"<del aria-label=\"before\">{E(old)}</del> ");
                }

                html.Raw(now is not null ? $"→ <ins aria-label=\"after\">{E(now)}</ins>" : "→ (removed)").Raw("</div>");
            }

            html.Raw("</td>");
            if (revert is not null)
            {
                html.Raw($"<td>{N(entry.Version)}</td>");
                RevertCell(html, revert, entry);
            }

            html.Raw("</tr>");
        }

        html.Raw("</tbody></table>");
    }

    /// <summary>The fields whose value differs between two stored JSON values (the format version excepted).</summary>
    public static List<(string Field, string? Before, string? After)> Diff(string? before, string? after)
    {
        var old = Fields(before);
        var now = Fields(after);
        var result = new List<(string, string?, string?)>();
        foreach (var field in old.Keys.Union(now.Keys).Where(f => f != "v").Order(StringComparer.Ordinal))
        {
            old.TryGetValue(field, out var o);
            now.TryGetValue(field, out var n);
            if (o != n)
            {
                result.Add((field, o, n));
            }
        }

        return result;
    }

    private static Dictionary<string, string> Fields(string? json)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json is null)
        {
            return fields;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }
        }
        catch (JsonException)
        {
            fields["(unreadable)"] = json;
        }

        return fields;
    }

    private static void Pager(Html html, string link, int page, int pages)
    {
        if (pages <= 1)
        {
            return;
        }

        html.Raw("<nav class=\"pager\" aria-label=\"Pages\">");
        if (page > 1)
        {
            html.Raw($"<a href=\"{link}{N(page - 1)}\">Previous</a>");
        }

        html.Raw($"<span>Page {N(page)} of {N(pages)}</span>");
        if (page < pages)
        {
            html.Raw($"<a href=\"{link}{N(page + 1)}\">Next</a>");
        }

        html.Raw("</nav>");
    }
}
