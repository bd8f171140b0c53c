using Microsoft.AspNetCore.Http;
using FeatureFlags.AspNetCore;
using static FeatureFlags.Dashboard.Html;

namespace FeatureFlags.Dashboard;

/// <summary>
/// Screen 5, export and import: download the whole stored state; upload an export, see the dry run's differences and
/// problems, then apply it — all or nothing, through the one write path.
/// </summary>
internal static class TransferPage
{
    public static async Task<IResult> GetAsync(HttpContext http, DashboardMount mount)
    {
        var request = await DashboardRequest.CreateAsync(http, mount).ConfigureAwait(false);
        var html = new Html();
        html.Raw("<h1>Export / import</h1>").Notice(request.ReadNotice())
            .Raw($"<h2>Export</h2><p><a href=\"{E(request.Base)}/export\" download>Download every stored key as JSON</a></p>");
        if (request.MayEdit)
        {
            ImportForm(html, request, null, dryRun: true);
        }

        return Layout.Page(request, "Export / import", "transfer", html);
    }

    public static async Task<IResult> ExportAsync(HttpContext http, DashboardMount mount, CancellationToken cancellationToken)
    {
        var request = await DashboardRequest.CreateAsync(http, mount).ConfigureAwait(false);
        var json = await request.Get<IToggleStateTransfer>().ExportAsync(cancellationToken).ConfigureAwait(false);
        Layout.Secure(http);
        http.Response.Headers.ContentDisposition = "attachment; filename=\"toggles-export.json\"";
        return Results.Text(json, "application/json");
    }

    public static async Task<IResult> ImportAsync(HttpContext http, DashboardMount mount, CancellationToken cancellationToken)
    {
        var request = await DashboardRequest.CreateAsync(http, mount).ConfigureAwait(false);
        if (await DashboardActions.RefuseAsync(request).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var form = await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var document = form.Files.GetFile("file") is { Length: > 0 } file
            ? await new StreamReader(file.OpenReadStream()).ReadToEndAsync(cancellationToken).ConfigureAwait(false)
            : form["document"].ToString();
        var apply = form["apply"] == "true";
        var deleteMissing = form["deleteMissing"] == "true";
        var reason = form["reason"].ToString().Trim();
        var html = new Html();
        html.Raw("<h1>Import</h1>");
        var status = StatusCodes.Status200OK;
        try
        {
            if (string.IsNullOrWhiteSpace(document))
            {
                throw new ToggleException(ToggleErrorCode.InvalidRequest, "Choose an export file or paste its JSON.");
            }

            if (apply)
            {
                if (request.Options.RequireReason && reason.Length == 0)
                {
                    throw new ToggleException(ToggleErrorCode.InvalidRequest, "Give a reason for the import; it is recorded in the audit.");
                }

                DashboardActions.Confirm(request, form, "import");
            }

            ToggleImportResult result;
            try
            {
                result = await request.Get<IToggleStateTransfer>().ImportAsync(
                    document,
                    new ToggleImportOptions
                    {
                        Actor = request.Actor!,
                        DryRun = !apply,
                        DeleteMissing = deleteMissing,
                        Reason = reason.Length == 0 ? "import from the dashboard" : reason,
                        ExpectedPlan = apply ? form["plan"].ToString() : null,
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (ToggleException ex) when (ex.Code == ToggleErrorCode.Conflict && apply)
            {
                // Someone changed the store since the dry run: show the differences as they are now, apply nothing.
                status = StatusCodes.Status409Conflict;
                html.Notice("Nothing was imported: the stored state changed since your dry run. Here is the dry run as it is now; review it again.", problem: true);
                apply = false;
                result = await request.Get<IToggleStateTransfer>().ImportAsync(
                    document,
                    new ToggleImportOptions { Actor = request.Actor!, DryRun = true, DeleteMissing = deleteMissing },
                    cancellationToken).ConfigureAwait(false);
            }
            if (result.Applied)
            {
                return Results.Redirect($"{request.Base}/transfer?done={U(request.ProtectNotice($"Imported: {result.Changes.Count} change(s) applied."))}");
            }

            var errors = result.Problems.Count(p => p.Severity == ToggleLintSeverity.Error);
            if (apply)
            {
                status = ToggleProblems.StatusCode(ToggleErrors.Worst(result.Problems) ?? ToggleErrorCode.InvalidRequest);
                html.Notice($"Nothing was imported: {errors} problem(s) must be fixed first.", problem: true);
            }
            else if (status == StatusCodes.Status200OK)
            {
                html.Notice(errors == 0
                    ? $"Dry run: {result.Changes.Count} change(s) would be applied. Nothing has been written yet."
                    : $"Dry run: {errors} problem(s) would stop this import. Nothing has been written.", problem: errors > 0);
            }

            html.Raw($"<h2>Changes ({N(result.Changes.Count)})</h2><table><thead><tr><th scope=\"col\">Key</th><th scope=\"col\">Change</th><th scope=\"col\">What changes</th></tr></thead><tbody>");
            foreach (var change in result.Changes)
            {
                html.Raw($"<tr><td>{E(change.Key)}</td><td>{E(change.Kind.ToString())}</td><td>");
                foreach (var (field, before, after) in TogglePage.Diff(change.Before, change.After))
                {
                    html.Raw($"<div>{E(field)}: {(before is null ? string.Empty : $"<del>{E(before)}</del> ")}→ {(after is null ? "(removed)" : $"<ins>{E(after)}</ins>")}</div>");
                }

                html.Raw("</td></tr>");
            }

            html.Raw("</tbody></table>");
            if (result.Problems.Count > 0)
            {
                html.Raw("<h2>Problems</h2><ul>");
                foreach (var problem in result.Problems)
                {
                    html.Raw($"<li class=\"sev-{problem.Severity.ToString().ToLowerInvariant()}\">{E(problem.Key)}: {E(problem.Message)}</li>");
                }

                html.Raw("</ul>");
            }

            if (!apply && errors == 0 && result.Changes.Count > 0)
            {
                ImportForm(html, request, document, dryRun: false, deleteMissing, result.Plan);
            }
        }
        catch (Exception ex) when (ToggleErrors.Classify(ex) is { } code)
        {
            status = ToggleProblems.StatusCode(code);
            html.Notice("Nothing was imported: " + ToggleErrors.Message(ex), problem: true);
            ImportForm(html, request, null, dryRun: true);
        }

        return Layout.Page(request, "Import", "transfer", html, status);
    }

    private static void ImportForm(Html html, DashboardRequest request, string? document, bool dryRun, bool deleteMissing = false, string? plan = null)
    {
        html.Raw($"<form method=\"post\" action=\"{E(request.Base)}/import\" enctype=\"multipart/form-data\"><fieldset>");
        if (dryRun)
        {
            html.Raw("<legend>Import: first a dry run</legend><label for=\"i-file\">Export file</label><input type=\"file\" id=\"i-file\" name=\"file\" accept=\"application/json,.json\"> ")
                .Raw("<label for=\"i-document\">or paste its JSON</label><textarea id=\"i-document\" name=\"document\" rows=\"4\"></textarea>")
                .Raw("<label><input type=\"checkbox\" name=\"deleteMissing\" value=\"true\"> Delete stored keys the export does not have</label><br>")
                .Hidden("__RequestVerificationToken", request.AntiforgeryToken)
                .Raw("<button type=\"submit\">Dry run</button>");
        }
        else
        {
            html.Raw("<legend>Apply this import</legend>").Hidden("document", document).Hidden("apply", "true").Hidden("deleteMissing", deleteMissing ? "true" : "false").Hidden("plan", plan)
                .ChangeFields(request, "apply", "import")
                .Raw("<button type=\"submit\" class=\"danger\">Apply (all or nothing)</button>");
        }

        html.Raw("</fieldset></form>");
    }
}
