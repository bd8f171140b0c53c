using static FeatureFlags.Dashboard.Html;

namespace FeatureFlags.Dashboard;

/// <summary>
/// The release sections of the toggle page: a group's members and its on/off/unset buttons, a member's group, a
/// toggle's prerequisites and dependants with the form that edits them, and the revert button of each history row.
/// </summary>
internal static partial class TogglePage
{
    private static void Releases(Html html, DashboardRequest request, string name, Toggle? declared, ToggleReportEntry entry, string? groupSettings, ToggleRecord? rules, bool mayEdit)
    {
        var action = $"{E(request.Base)}/t/{U(name)}";
        var version = N(rules?.Version ?? 0);
        if (declared is ToggleGroup)
        {
            html.Raw($"<h2 id=\"members\">Members ({N(entry.Members.Count)})</h2>")
                .Raw("<p class=\"muted\">While the group is on or off, it answers for every member ahead of the member's own rules; site, course and organisation overrides still win. Unset, each member follows its own rules.</p>");
            Links(html, request, entry.Members, "No declared toggle names this group.");
            if (mayEdit)
            {
                html.Raw($"<form method=\"post\" action=\"{action}/group\"><fieldset><legend>Switch the whole release</legend>")
                    .Hidden("version", version).ScheduleFields("group").ChangeFields(request, "group", name)
                    .Raw("<button type=\"submit\" name=\"enabled\" value=\"on\">Group on</button> ")
                    .Raw("<button type=\"submit\" name=\"enabled\" value=\"off\">Group off</button> ")
                    .Raw("<button type=\"submit\" name=\"enabled\" value=\"unset\">Unset group</button></fieldset></form>");
            }
        }

        if (entry.Group is { } group)
        {
            html.Raw($"<h2>Release group</h2><p>Member of <a href=\"{E(request.Base)}/t/{U(group)}\">{E(group)}</a>: {E(groupSettings ?? "not declared")}. ")
                .Raw("While the group is on or off, it answers for this toggle ahead of the rules below.</p>");
        }

        if (declared is not (Switch or Flag) && entry.Prerequisites.Count == 0 && entry.Dependants.Count == 0)
        {
            return;
        }

        html.Raw("<h2 id=\"prerequisites\">Prerequisites</h2>");
        if (entry.Prerequisites.Count == 0)
        {
            html.Raw("<p class=\"muted\">None: this toggle does not depend on another.</p>");
        }
        else
        {
            html.Raw("<p>Off unless every one of these answers as required:</p><ul class=\"prerequisites\">");
            foreach (var prerequisite in entry.Prerequisites)
            {
                html.Raw($"<li><a href=\"{E(request.Base)}/t/{U(prerequisite.Toggle)}\">{E(prerequisite.Toggle)}</a> must be {(prerequisite.Enabled ? "on" : "off")}</li>");
            }

            html.Raw("</ul>");
        }

        html.Raw("<h3>Required by</h3>");
        Links(html, request, entry.Dependants, "No toggle requires this one.");
        if (mayEdit && declared is Switch or Flag)
        {
            var lines = string.Join('\n', entry.Prerequisites.Select(p => $"{p.Toggle} {(p.Enabled ? "on" : "off")}"));
            html.Raw($"<form method=\"post\" action=\"{action}/prerequisites\"><fieldset><legend>Edit the prerequisites</legend>")
                .Hidden("version", version)
                .Raw("<label for=\"p-list\">Prerequisites, one per line: <code>namespace.name on</code> or <code>namespace.name off</code></label>")
                .Raw($"<textarea id=\"p-list\" name=\"prerequisites\" rows=\"3\">{E(lines)}</textarea>")
                .ChangeFields(request, "prerequisites", name)
                .Raw("<p class=\"muted\">Leave the list empty to remove every prerequisite. A list that would make toggles require each other in a circle is refused.</p>")
                .Raw("<button type=\"submit\">Save prerequisites</button></fieldset></form>");
        }
    }

    private static void Links(Html html, DashboardRequest request, IReadOnlyList<string> names, string none)
    {
        if (names.Count == 0)
        {
            html.Raw($"<p class=\"muted\">{E(none)}</p>");
            return;
        }

        html.Raw("<ul>");
        foreach (var name in names)
        {
            html.Raw($"<li><a href=\"{E(request.Base)}/t/{U(name)}\">{E(name)}</a></li>");
        }

        html.Raw("</ul>");
    }

    /// <summary>
    /// The revert form of one history row: restores the state after that version as a new change, expecting the
    /// version the page was rendered from. Only rows of the toggle's own key whose state differs from the stored one:
    /// going back to the state there is now would change nothing.
    /// </summary>
    private static void RevertCell(Html html, HistoryRevert revert, ToggleAuditEntry entry)
    {
        html.Raw("<td>");
        if (entry.Key == revert.Name && !string.Equals(entry.After, revert.Current?.Value, StringComparison.Ordinal))
        {
            html.Raw($"<form method=\"post\" action=\"{E(revert.Request.Base)}/t/{U(revert.Name)}/revert\" class=\"inline\">")
                .Hidden("toVersion", N(entry.Version)).Hidden("version", N(revert.Current?.Version ?? 0))
                .ChangeFields(revert.Request, $"revert-{N(entry.Version)}", revert.Name)
                .Raw($"<button type=\"submit\" aria-label=\"Revert to version {N(entry.Version)}\">Revert to this version</button></form>");
        }

        html.Raw("</td>");
    }

    /// <summary>What the history table needs to offer a revert per row: the page's request, the toggle and its stored state.</summary>
    private sealed record HistoryRevert(DashboardRequest Request, string Name, ToggleRecord? Current);
}
