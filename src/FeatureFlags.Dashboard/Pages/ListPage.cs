using FeatureFlags.Storage;
using Microsoft.AspNetCore.Http;
using static FeatureFlags.Dashboard.Html;

namespace FeatureFlags.Dashboard;

/// <summary>
/// Screen 1, all toggles: state at a glance (text and colour), a plain-language summary of the rules, namespace, type,
/// owner, report status and lint findings; search, filters and sorting by query string, so every view has a link.
/// </summary>
internal static class ListPage
{
    public static async Task<IResult> GetAsync(HttpContext http, DashboardMount mount, CancellationToken cancellationToken)
    {
        var request = await DashboardRequest.CreateAsync(http, mount).ConfigureAwait(false);
        if (http.Request.Path.Value?.EndsWith('/') != true)
        {
            // The rows link relatively (t/{name}), which resolves under the dashboard only from its slash-ended address.
            return Results.Redirect($"{request.Base}/{http.Request.QueryString}");
        }

        var rows = await ToggleRows.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var query = http.Request.Query;
        string? Q(string key) => query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString().Trim() : null;
        var search = Q("q");
        var ns = Q("ns");
        var type = Q("type");
        var status = Q("status");
        var severity = Q("severity");
        var sort = Q("sort") ?? "name";
        var descending = Q("dir") == "desc";

        IEnumerable<ToggleRow> shown = rows;
        if (search is not null)
        {
            shown = shown.Where(r => r.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || r.Description.Contains(search, StringComparison.OrdinalIgnoreCase));
        }

        if (ns is not null)
        {
            shown = shown.Where(r => r.Namespace == ns);
        }

        if (type is not null)
        {
            shown = shown.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));
        }

        if (status is not null)
        {
            shown = shown.Where(r => r.State == status);
        }

        if (severity is not null)
        {
            shown = shown.Where(r => r.Findings.Any(f => string.Equals(f.Severity.ToString(), severity, StringComparison.OrdinalIgnoreCase)));
        }

        Func<ToggleRow, string> key = sort switch
        {
            "ns" => r => r.Namespace,
            "type" => r => r.Type,
            "status" => r => r.State,
            "owner" => r => r.Owner ?? string.Empty,
            _ => r => r.Name,
        };
        var list = (descending ? shown.OrderByDescending(key, StringComparer.Ordinal) : shown.OrderBy(key, StringComparer.Ordinal))
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();

        var html = new Html();
        html.Raw("<h1>All toggles</h1>").Notice(request.ReadNotice());
        Filters(html, request, rows, search, ns, type, status, severity, sort, descending);
        html.Raw($"<p class=\"muted\">{N(list.Count)} of {N(rows.Count)} toggles</p>");
        html.Raw("<table><caption class=\"muted\">Names are namespace.name. State: on, off, or conditional (on for some users)</caption><thead><tr>");
        foreach (var (column, label) in Columns)
        {
            var next = sort == column && !descending ? "desc" : "asc";
            var mark = sort == column ? (descending ? " ▼" : " ▲") : string.Empty;
            var aria = sort == column ? $" aria-sort=\"{(descending ? "descending" : "ascending")}\"" : string.Empty;
            html.Raw($"<th scope=\"col\"{aria}><a href=\"?{Keep(search, ns, type, status, severity)}sort={column}&amp;dir={next}\">{label}{mark}</a></th>");
        }

        html.Raw("<th scope=\"col\">Release group</th><th scope=\"col\">Rules</th><th scope=\"col\">Lint</th></tr></thead><tbody>");
        // Compact rows (optional end tags omitted, relative links, short classes): a thousand toggles stay a light page.
        foreach (var row in list)
        {
            // The namespace is the name's prefix; it has a filter and a sort rather than a column of its own.
            html.Raw($"<tr><td><a href=\"t/{E(U(row.Name))}\">{E(row.Name)}</a><td>").State(row.State)
                .Raw($"<td>{E(row.Type)}<td>{E(row.Owner)}<td>");
            if (row.Entry.Group is { } group)
            {
                html.Raw($"<a href=\"t/{E(U(group))}\">{E(group)}</a>");
            }
            else if (row.Type == nameof(ToggleKind.Group))
            {
                html.Raw($"{N(row.Entry.Members.Count)} member{(row.Entry.Members.Count == 1 ? string.Empty : "s")}");
            }

            html.Raw($"<td>{E(row.Summary)}");
            foreach (var scheduleStatus in row.Entry.Schedules.Select(s => s.Status).Where(s => s != ToggleScheduleStatus.Active).Distinct().Order())
            {
                // Pending and expired schedules are the ones an operator acts on: one waits, the other does nothing.
                html.Raw(" ").ScheduleStatus(scheduleStatus).Raw(" schedule");
            }

            html.Raw("<td>");
            foreach (var finding in row.Findings)
            {
                html.Raw($"<i class={SeverityClass(finding.Severity)}>{E(Label(finding.Rule))}</i>");
            }

        }

        html.Raw("</tbody></table>");
        return Layout.Page(request, "All toggles", "list", html);
    }

    private static string SeverityClass(ToggleLintSeverity severity) => severity switch
    {
        ToggleLintSeverity.Error => "e",
        ToggleLintSeverity.Warning => "w",
        _ => "n",
    };

    /// <summary>Lint rules in plain words, as the list shows them; the debt page has the full message and fix.</summary>
    public static string Label(string rule) => rule switch
    {
        "missing-removal-date" => "no removal date",
        "missing-owner" => "no owner",
        "setting-shadows-stored-state" => "stored state ignored",
        "configuration-override-shadows-stored-state" => "forced by configuration",
        "configuration-override-ignored" => "configuration override ignored",
        "schedule-expired" => "expired schedule",
        _ => rule,
    };

    private static readonly (string Column, string Label)[] Columns =
    [
        ("name", "Name"),
        ("status", "State"),
        ("type", "Type"),
        ("owner", "Owner"),
    ];

    private static void Filters(Html html, DashboardRequest request, IReadOnlyList<ToggleRow> rows, string? search, string? ns, string? type, string? status, string? severity, string sort, bool descending)
    {
        html.Raw($"<form method=\"get\" action=\"{E(request.Base)}/\" class=\"filters\" role=\"search\">")
            .Raw($"<label>Search <input type=\"search\" name=\"q\" value=\"{E(search)}\" placeholder=\"name or description\"></label>");
        Select(html, "Namespace", "ns", ns, rows.Select(r => r.Namespace).Distinct().Order(StringComparer.Ordinal));
        Select(html, "Sort by", "sort", sort, ["name", "ns", "status", "type", "owner"]);
        Select(html, "Type", "type", type, Enum.GetNames<ToggleKind>());
        Select(html, "State", "status", status, ["on", "off", "conditional"]);
        Select(html, "Lint", "severity", severity, ["error", "warning", "info"]);
        html.Hidden("dir", descending ? "desc" : "asc")
            .Raw($"<button type=\"submit\">Filter</button> <a href=\"{E(request.Base)}/\">Clear</a></form>");
    }

    private static void Select(Html html, string label, string name, string? selected, IEnumerable<string> values)
    {
        html.Raw($"<label>{label} <select name=\"{name}\"><option value=\"\">any</option>");
        foreach (var value in values)
        {
            html.Raw($"<option{(value == selected ? " selected" : string.Empty)}>{E(value)}</option>");
        }

        html.Raw("</select></label>");
    }

    private static string Keep(params string?[] values)
    {
        string[] names = ["q", "ns", "type", "status", "severity"];
        var parts = names.Zip(values).Where(p => p.Second is not null).Select(p => $"{p.First}={U(p.Second)}&amp;");
        return string.Concat(parts);
    }
}

/// <summary>One toggle as the list and the debt page show it.</summary>
internal sealed record ToggleRow(string Name, string Namespace, string Type, string? Owner, string Description, string State, string Summary, ToggleReportEntry Entry, IReadOnlyList<ToggleLintFinding> Findings);

/// <summary>Reads every toggle's row with one store listing: no audit reads, so the list stays fast with many toggles.</summary>
internal static class ToggleRows
{
    public static async Task<List<ToggleRow>> ReadAsync(DashboardRequest request, CancellationToken cancellationToken)
    {
        var records = await StoredToggles.ListAsync(request.Get<IToggleStore>(), cancellationToken).ConfigureAwait(false);
        var reporter = request.Get<ToggleReporter>();
        var registry = request.Get<IToggleRegistry>();
        var report = reporter.CreateSnapshot(records);
        var findings = reporter.Lint(records).ToLookup(f => f.Toggle, StringComparer.Ordinal);
        var summaries = ToggleSummary.Build(records, registry);
        return
        [
            .. report.Entries.Select(e =>
            {
                registry.TryGet(e.Name, out var declared);
                var dot = e.Name.IndexOf('.', StringComparison.Ordinal);
                return new ToggleRow(
                    e.Name,
                    dot > 0 ? e.Name[..dot] : e.Name,
                    declared?.Kind.ToString() ?? "undeclared",
                    e.Owner,
                    e.Description,
                    StateOf(e.Status),
                    summaries.TryGetValue(e.Name, out var summary) ? summary.Text : e.CurrentSettings,
                    e,
                    [.. findings[e.Name]]);
            }),
        ];
    }

    public static string StateOf(ToggleStatus status) => status switch
    {
        ToggleStatus.On => "on",
        ToggleStatus.Off => "off",
        _ => "conditional",
    };
}
