using System.Globalization;
using Microsoft.AspNetCore.Http;
using static FeatureFlags.Dashboard.Html;

namespace FeatureFlags.Dashboard;

/// <summary>
/// Screen 4, toggle debt: the lint findings with their fix hints (expired, stale, missing removal date or owner,
/// orphans), and orphans' stored state can be deleted here — step two of two-step removal.
/// </summary>
internal static class DebtPage
{
    public static async Task<IResult> GetAsync(HttpContext http, DashboardMount mount, CancellationToken cancellationToken)
    {
        var request = await DashboardRequest.CreateAsync(http, mount).ConfigureAwait(false);
        var rows = await ToggleRows.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        var findings = rows.SelectMany(r => r.Findings).OrderByDescending(f => f.Severity).ThenBy(f => f.Toggle, StringComparer.Ordinal).ToList();
        var html = new Html();
        html.Raw("<h1>Toggle debt</h1>").Notice(request.ReadNotice())
            .Raw($"<p>{N(findings.Count(f => f.Severity == ToggleLintSeverity.Error))} errors, {N(findings.Count(f => f.Severity == ToggleLintSeverity.Warning))} warnings, {N(findings.Count(f => f.Severity == ToggleLintSeverity.Info))} notes.</p>");
        if (findings.Count == 0)
        {
            html.Raw("<p>No toggle debt found.</p>");
            return Layout.Page(request, "Toggle debt", "debt", html);
        }

        html.Raw("<table><thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Toggle</th><th scope=\"col\">Finding</th><th scope=\"col\">What it means</th><th scope=\"col\">How to fix</th><th scope=\"col\">Target removal</th><th scope=\"col\">Action</th></tr></thead><tbody>");
        var byName = rows.ToDictionary(r => r.Name, StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            var severity = finding.Severity.ToString().ToLowerInvariant();
            var removal = byName.TryGetValue(finding.Toggle, out var row) ? row.Entry.TargetRemovalOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
            html.Raw($"<tr><td class=\"sev-{severity}\">{severity}</td><td><a href=\"{E(request.Base)}/t/{U(finding.Toggle)}\">{E(finding.Toggle)}</a></td><td>{E(finding.Rule)}</td><td>{E(finding.Message)}</td><td>{E(finding.FixHint)}</td><td>{E(removal)}</td><td>");
            if (finding.Rule == "orphan" && request.MayEdit)
            {
                var version = row?.Entry is null ? "0" : await RulesVersionAsync(request, finding.Toggle, cancellationToken).ConfigureAwait(false);
                html.Raw($"<form method=\"post\" action=\"{E(request.Base)}/t/{U(finding.Toggle)}/delete\">")
                    .Hidden("version", version).Hidden("then", "debt")
                    .ChangeFields(request, $"orphan-{U(finding.Toggle)}", finding.Toggle)
                    .Raw($"<button type=\"submit\" class=\"danger\" aria-label=\"Delete the stored state of {E(finding.Toggle)}\">Delete stored state</button></form>");
            }

            html.Raw("</td></tr>");
        }

        html.Raw("</tbody></table>");
        return Layout.Page(request, "Toggle debt", "debt", html);
    }

    private static async Task<string> RulesVersionAsync(DashboardRequest request, string name, CancellationToken cancellationToken)
        => N((await request.Get<FeatureFlags.Storage.IToggleStore>().GetAsync(name, cancellationToken).ConfigureAwait(false))?.Version ?? 0);
}
