using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using static FeatureFlags.Dashboard.Html;

namespace FeatureFlags.Dashboard;

/// <summary>
/// The frame of every page (environment banner, navigation) and the security headers every response carries.
/// </summary>
internal static class Layout
{
    /// <summary>No script at all, styles only from the dashboard itself, no framing, forms only back to this site.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IResult Page(DashboardRequest request, string title, string section, Html body, int status = StatusCodes.Status200OK)
    {
        var html = new Html();
        var color = request.Options.EnvironmentColor ?? DefaultColor(request.Environment);
        html.Raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Raw($"<title>{E(title)} · Toggles · {E(request.Environment)}</title>")
            .Raw($"<link rel=\"stylesheet\" href=\"{E(request.Base)}/_assets/dashboard.css\"></head><body>")
            .Raw($"<div class=\"env env-{color.ToString().ToLowerInvariant()}\" role=\"banner\">Environment: {E(request.Environment)}")
            .Raw(request.MayEdit ? string.Empty : " · read-only")
            .Raw("</div><header><nav aria-label=\"Dashboard\">");
        foreach (var (key, label, path) in Sections)
        {
            html.Raw(key == section
                ? $"<a href=\"{E(request.Base)}{path}\" aria-current=\"page\"><strong>{label}</strong></a>"
                : $"<a href=\"{E(request.Base)}{path}\">{label}</a>");
        }

        html.Raw($"<span class=\"who\">Signed in as {E(request.Actor?.Name ?? "(no name)")}</span></nav></header><main>")
            .Raw(body.ToString())
            .Raw("</main></body></html>");
        Secure(request.Http);
        return Results.Content(html.ToString(), "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>Sets the security headers of a dashboard response.</summary>
    public static void Secure(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        headers[HeaderNames.XFrameOptions] = "DENY";
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers[HeaderNames.CacheControl] = "no-store";
    }

    /// <summary>A notice at the top of a page: success, or a problem that names what to do.</summary>
    public static Html Notice(this Html html, string? message, bool problem = false)
        => string.IsNullOrEmpty(message) ? html : html.Raw($"<div class=\"{(problem ? "problem" : "msg")}\" role=\"{(problem ? "alert" : "status")}\">{E(message)}</div>");

    /// <summary>The fields every form that changes something carries: the antiforgery token and, where needed, the reason.</summary>
    /// <param name="html">The page.</param>
    /// <param name="request">The request.</param>
    /// <param name="idPrefix">Makes the fields' ids unique on the page.</param>
    /// <param name="confirmName">The text to type where the environment asks for confirmation, or none.</param>
    /// <param name="confirmWhen">Where only some of the form's choices need confirmation, what they are (the field is then not required by the browser; the server still checks).</param>
    public static Html ChangeFields(this Html html, DashboardRequest request, string idPrefix, string? confirmName = null, string? confirmWhen = null)
    {
        html.Hidden("__RequestVerificationToken", request.AntiforgeryToken);
        var required = request.Options.RequireReason ? " required" : string.Empty;
        html.Raw($"<label for=\"{idPrefix}-reason\">Reason</label><input type=\"text\" id=\"{idPrefix}-reason\" name=\"reason\" maxlength=\"1000\"{required}> ");
        if (confirmName is not null && request.NeedsConfirmation)
        {
            var when = confirmWhen is null ? string.Empty : $" ({E(confirmWhen)})";
            html.Raw($"<label for=\"{idPrefix}-confirm\">Type <code>{E(confirmName)}</code> to confirm{when}</label><input type=\"text\" id=\"{idPrefix}-confirm\" name=\"confirm\" autocomplete=\"off\"{(confirmWhen is null ? " required" : string.Empty)}> ");
        }

        return html;
    }

    private static readonly (string Key, string Label, string Path)[] Sections =
    [
        ("list", "All toggles", "/"),
        ("check", "Check a subject", "/check"),
        ("debt", "Toggle debt", "/debt"),
        ("transfer", "Export / import", "/transfer"),
    ];

    private static ToggleDashboardColor DefaultColor(string environment) => environment.ToLowerInvariant() switch
    {
        "production" or "prod" => ToggleDashboardColor.Red,
        "staging" => ToggleDashboardColor.Amber,
        _ => ToggleDashboardColor.Green,
    };
}
