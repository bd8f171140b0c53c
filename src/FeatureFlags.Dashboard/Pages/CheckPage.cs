using Microsoft.AspNetCore.Http;
using static FeatureFlags.Dashboard.Html;

namespace FeatureFlags.Dashboard;

/// <summary>
/// Screen 3, check a subject: every toggle's answer for a user, their groups and flags, a course, an organisation, a
/// site and a language, with the rule that decided it. Support staff answer "why does this user see that?" here.
/// </summary>
internal static class CheckPage
{
    public static async Task<IResult> GetAsync(HttpContext http, DashboardMount mount)
    {
        var request = await DashboardRequest.CreateAsync(http, mount).ConfigureAwait(false);
        var q = http.Request.Query;
        string? Q(string key) => q.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString().Trim() : null;
        var user = Q("user");
        var groups = Q("groups");
        var course = Q("course");
        var org = Q("org");
        var site = Q("site");
        var language = Q("language");
        bool On(string key) => q[key] == "true";

        var html = new Html();
        html.Raw("<h1>Check a subject</h1>")
            .Raw($"<form method=\"get\" action=\"{E(request.Base)}/check\"><fieldset><legend>Subject</legend>")
            .Raw($"<label>User id <input type=\"text\" name=\"user\" value=\"{E(user)}\"></label>")
            .Raw($"<label>Groups (comma separated) <input type=\"text\" name=\"groups\" value=\"{E(groups)}\"></label>")
            .Raw($"<label>Course key <input type=\"text\" name=\"course\" value=\"{E(course)}\"></label>")
            .Raw($"<label>Organisation <input type=\"text\" name=\"org\" value=\"{E(org)}\"></label>")
            .Raw($"<label>Site <input type=\"text\" name=\"site\" value=\"{E(site)}\"></label>")
            .Raw($"<label>Language <input type=\"text\" name=\"language\" value=\"{E(language)}\"></label><br>");
        foreach (var (key, label) in new[] { ("authenticated", "Signed in"), ("staff", "Staff"), ("superuser", "Superuser") })
        {
            html.Raw($"<label><input type=\"checkbox\" name=\"{key}\" value=\"true\"{(On(key) ? " checked" : string.Empty)}> {label}</label>");
        }

        html.Raw("<button type=\"submit\">Check</button></fieldset></form>");
        if (q.Count == 0)
        {
            return Layout.Page(request, "Check a subject", "check", html);
        }

        var context = new ToggleContext
        {
            UserId = user,
            IsAuthenticated = On("authenticated") || user is not null,
            IsStaff = On("staff"),
            IsSuperuser = On("superuser"),
            Groups = groups?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            Language = language,
            Site = site,
        };
        var toggles = request.Get<IToggles>();
        html.Raw("<h2>Answers</h2><table><thead><tr><th scope=\"col\">Toggle</th><th scope=\"col\">Answer</th><th scope=\"col\">Decided by</th><th scope=\"col\">Explanation</th></tr></thead><tbody>");
        foreach (var toggle in request.Get<IToggleRegistry>().Toggles.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var explanation = toggle switch
            {
                CourseFlag flag when course is not null => toggles.Explain(flag, course, context),
                OrgFlag flag when org is not null => toggles.Explain(flag, org, context),
                _ => toggles.Explain(toggle, context),
            };
            html.Raw($"<tr><td><a href=\"{E(request.Base)}/t/{U(toggle.FullName)}\">{E(toggle.FullName)}</a></td><td>").State(explanation.IsEnabled ? "on" : "off")
                .Raw($"</td><td>{E(explanation.Reason.ToString())}</td><td>{E(explanation.Detail)}</td></tr>");
        }

        html.Raw("</tbody></table>");
        return Layout.Page(request, "Check a subject", "check", html);
    }
}
