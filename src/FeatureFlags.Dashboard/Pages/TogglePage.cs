using System.Globalization;
using FeatureFlags.Storage;
using Microsoft.AspNetCore.Http;
using static FeatureFlags.Dashboard.Html;

namespace FeatureFlags.Dashboard;

/// <summary>
/// Screen 2, one toggle: its metadata, state and the forms that change it (switch, flag rules, overrides, delete),
/// each carrying the version it was rendered from; then its overrides and history.
/// </summary>
internal static partial class TogglePage
{
    public static async Task<IResult> GetAsync(HttpContext http, DashboardMount mount, string name, CancellationToken cancellationToken)
    {
        var request = await DashboardRequest.CreateAsync(http, mount).ConfigureAwait(false);
        var query = http.Request.Query;
        return await RenderAsync(request, name, request.ReadNotice(), null, StatusCodes.Status200OK, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Renders the page, optionally with a notice or a problem above it (for a refused change) and the changes made since
    /// the version a stale form was rendered from.
    /// </summary>
    public static async Task<IResult> RenderAsync(DashboardRequest request, string name, string? done, string? problem, int status, CancellationToken cancellationToken, IReadOnlyList<ToggleAuditEntry>? changedSince = null)
    {
        var registry = request.Get<IToggleRegistry>();
        var store = request.Get<IToggleStore>();
        if (!ToggleNames.IsValidFullName(name))
        {
            return Layout.Page(request, "Unknown toggle", "list", new Html().Raw("<h1>Unknown toggle</h1>").Notice($"'{name}' is not a toggle name.", problem: true), StatusCodes.Status404NotFound);
        }

        // The one read model: the same view the admin API and the command line show, read in a fixed number of store reads.
        if (await request.Get<IToggleCatalog>().GetAsync(name, cancellationToken).ConfigureAwait(false) is not { } view)
        {
            return Layout.Page(request, "Unknown toggle", "list", new Html().Raw("<h1>Unknown toggle</h1>").Notice($"No toggle named '{name}' is declared or stored.", problem: true), StatusCodes.Status404NotFound);
        }

        var declared = view.Declaration;
        var rules = view.State;
        var records = new List<ToggleRecord>(view.Overrides.Count + 1);
        if (rules is not null)
        {
            records.Add(rules);
        }

        records.AddRange(view.Overrides);
        var summary = ToggleSummary.Build(records, new SingleToggleRegistry(declared))[name];
        var entry = view.Entry;

        var html = new Html();
        html.Raw($"<h1>{E(name)} ").State(ToggleRows.StateOf(entry.Status)).Raw("</h1>")
            .Notice(done).Notice(problem, problem: true);
        if (changedSince is { Count: > 0 })
        {
            html.Raw("<h2>What changed since you opened the form</h2>");
            HistoryTable(html, changedSince);
        }

        html.Raw($"<p>Now: {E(summary.Text)}</p>");
        Schedules(html, name, summary, entry.Schedules);
        Metadata(html, view);
        var mayEdit = request.MayEditToggle(declared);
        if (!request.MayEdit)
        {
            html.Raw("<p class=\"muted\">Read-only: you can see this toggle but not change it here.</p>");
        }
        else if (!mayEdit)
        {
            html.Raw($"<p class=\"muted\">Changing this toggle needs one of the roles {E(string.Join(", ", declared!.Metadata.EditorRoles))}.</p>");
        }
        else if (declared is not SettingToggle)
        {
            EditForms(html, request, name, declared, summary, rules, entry.Schedules.FirstOrDefault(s => s.Key == name)?.Schedule);
        }

        Releases(html, request, name, declared, entry, view.GroupSettings, rules, mayEdit && declared is not SettingToggle);
        Overrides(html, request, name, declared, summary, entry.Schedules, mayEdit);
        await HistoryAsync(html, request, name, mayEdit && declared is not null and not SettingToggle, rules, cancellationToken).ConfigureAwait(false);
        return Layout.Page(request, name, "list", html, status);
    }

    private static void Metadata(Html html, ToggleView view)
    {
        var declared = view.Declaration;
        var rules = view.State;
        html.Raw("<h2>About</h2><dl class=\"meta\">");
        if (declared is null)
        {
            html.Raw("<dt>Declared</dt><dd>nowhere: an orphan. Its stored state can be deleted (step two of removal).</dd>");
        }
        else
        {
            var m = declared.Metadata;
            Item(html, "Description", m.Description);
            Item(html, "Type", declared.Kind.ToString());
            Item(html, "Owner", m.Owner ?? "(none declared)");
            Item(html, "Use cases", string.Join(", ", ToggleReport.UseCaseNames(m.UseCases)));
            Item(html, "Created", m.CreatedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Item(html, "Target removal", m.TargetRemovalOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "(none)");
            Item(html, "Declared at", declared.DeclaredAt);
            Item(html, "Code default", declared.DefaultValue ? "on" : "off");
            Item(html, "Editor roles", m.EditorRoles.Count == 0 ? "(any editor)" : string.Join(", ", m.EditorRoles));
        }

        Item(html, "Stored version", rules is null ? "nothing stored" : N(rules.Version));
        if (rules is not null)
        {
            Item(html, "Last changed", $"{rules.ModifiedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z by {rules.ModifiedBy}");
        }

        Item(html, "Current settings", view.Entry.CurrentSettings);
        Item(html, "Status", view.Entry.Status.ToString().ToLowerInvariant());
        Item(html, "First modified", Instant(view.Entry.FirstModified));
        Item(html, "Last modified", Instant(view.Entry.LastModified));
        html.Raw("</dl>");
        if (view.Findings.Count > 0)
        {
            html.Raw($"<h2>Findings ({N(view.Findings.Count)})</h2><ul class=\"findings\">");
            foreach (var finding in view.Findings)
            {
                html.Raw($"<li class=\"sev-{finding.Severity.ToString().ToLowerInvariant()}\" data-rule=\"{E(finding.Rule)}\"><strong>{E(finding.Rule)}</strong>: {E(finding.Message)} <span class=\"muted\">{E(finding.FixHint)}</span></li>");
            }

            html.Raw("</ul>");
        }
    }

    private static string Instant(DateTimeOffset? instant)
        => instant is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z" : "never";

    private static void Item(Html html, string term, string value) => html.Raw($"<dt>{E(term)}</dt><dd>{E(value)}</dd>");

    private static void EditForms(Html html, DashboardRequest request, string name, Toggle? declared, ToggleSummary summary, ToggleRecord? rules, ToggleSchedule? stored)
    {
        var version = N(rules?.Version ?? 0);
        var action = $"{E(request.Base)}/t/{U(name)}";
        if (declared is Switch || (declared is null && summary.SwitchValue() is not null))
        {
            html.Raw("<h2>Switch</h2>");
            foreach (var (value, label) in new[] { ("on", "Turn on for everyone"), ("off", "Turn off for everyone") })
            {
                html.Raw($"<form method=\"post\" action=\"{action}/switch\"><fieldset><legend>{label}</legend>")
                    .Hidden("version", version).Hidden("enabled", value)
                    .ScheduleFields($"switch-{value}")
                    .ChangeFields(request, $"switch-{value}", name)
                    .Raw($"<button type=\"submit\">{label}</button></fieldset></form>");
            }
        }

        if (declared is Flag || (declared is null && summary.FlagRules() is not null))
        {
            var r = summary.FlagRules() ?? new FlagRules();
            html.Raw($"<h2>Flag rules</h2><form method=\"post\" action=\"{action}/flag\"><fieldset><legend>Who gets the flag</legend>")
                .Hidden("version", version)
                .Raw("<label for=\"f-everyone\">Everyone</label><select id=\"f-everyone\" name=\"everyone\">")
                .Raw($"<option value=\"unset\"{(r.Everyone is null ? " selected" : string.Empty)}>unset: use the rules below</option>")
                .Raw($"<option value=\"on\"{(r.Everyone == true ? " selected" : string.Empty)}>on for everyone</option>")
                .Raw($"<option value=\"off\"{(r.Everyone == false ? " selected" : string.Empty)}>off for everyone</option></select> ")
                .Raw($"<label for=\"f-percent\">Percent of users</label><input type=\"text\" inputmode=\"decimal\" id=\"f-percent\" name=\"percent\" value=\"{E(r.Percent.ToString("0.###", CultureInfo.InvariantCulture))}\" size=\"7\"><br>");
            ListField(html, "users", "Users (one per line)", r.Users);
            ListField(html, "groups", "Groups (one per line)", r.Groups);
            ListField(html, "languages", "Languages (one per line)", r.Languages);
            ListField(html, "rules", "Custom rules (one per line: name, then JSON parameters)", [.. r.CustomRules.Select(c => c.ToString())]);
            Check(html, "staff", "Staff", r.Staff);
            Check(html, "superusers", "Superusers", r.Superusers);
            Check(html, "authenticated", "Signed-in users", r.Authenticated);
            Check(html, "testing", "Testing mode (request overrides)", r.Testing);
            html.Raw("<br>").ScheduleFields("flag", stored).ChangeFields(request, "flag", name)
                .Raw("<p class=\"muted\">Setting everyone on or off, or rules that match nobody, needs the confirmation where it is asked for.</p>")
                .Raw("<button type=\"submit\">Save rules</button></fieldset></form>");
        }

        html.Raw($"<h2>Delete stored state</h2><form method=\"post\" action=\"{action}/delete\"><fieldset><legend>Delete the rules and every override; evaluation falls back to the code default</legend>")
            .Hidden("version", version).ChangeFields(request, "delete", name)
            .Raw("<button type=\"submit\" class=\"danger\">Delete stored state</button></fieldset></form>");
    }

    private static void ListField(Html html, string field, string label, IReadOnlyList<string> values)
        => html.Raw($"<label for=\"f-{field}\">{label}</label><textarea id=\"f-{field}\" name=\"{field}\" rows=\"2\">{E(string.Join('\n', values))}</textarea>");

    private static void Check(Html html, string field, string label, bool value)
        => html.Raw($"<label><input type=\"checkbox\" name=\"{field}\" value=\"true\"{(value ? " checked" : string.Empty)}> {label}</label>");

    /// <summary>A registry of one toggle, so one toggle's records can be summarised like the list's.</summary>
    private sealed class SingleToggleRegistry(Toggle? toggle) : IToggleRegistry
    {
        public IReadOnlyList<Toggle> Toggles => toggle is null ? [] : [toggle];

        public bool TryGet(string fullName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Toggle? found)
        {
            found = toggle is not null && toggle.FullName == fullName ? toggle : null;
            return found is not null;
        }
    }
}
