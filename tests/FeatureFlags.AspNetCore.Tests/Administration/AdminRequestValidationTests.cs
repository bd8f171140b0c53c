using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text;
using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Samples.Web;
using FeatureFlags.Storage;

namespace FeatureFlags.AspNetCore.Tests.Administration;

/// <summary>
/// Admin request bodies are read strictly and free text is checked, so a typo or a hostile value changes nothing.
/// </summary>
public sealed class AdminRequestValidationTests : SampleAppTest
{
    private const string Admin = "toggle-admin";
    private const string Recommendations = "/admin/toggles/storefront.personal_recommendations";

    [TestCase("{\"rules\":{\"percentage\":35,\"group\":[\"x\"]}}", "percentage")]
    [TestCase("{\"rules\":{\"percent\":35},\"reasn\":\"typo\"}", "reasn")]
    [TestCase("{\"rules\":{\"percent\":35,\"percent\":100}}", "percent")]
    [TestCase("{\"rules\":{}}", "match nobody")]
    [TestCase("{\"rules\":{\"everyone\":null}}", "match nobody")]
    [TestCase("{\"rules\":{\"users\":null}}", "users must not be null")]
    [TestCase("{\"rules\":{\"percent\":35}} trailing", "not accepted")]
    [TestCase("", "JSON body")]
    [TestCase("{\"rules\":{\"percent\":\"10\"}}", "percent")]
    [TestCase("{\"rules\":{\"users\":[\"\\u001b[2Jroot\"]}}", "U+001B")]
    [TestCase("{\"rules\":{\"groups\":[\" beta \"]}}", "white space")]
    public async Task MalformedFlagBody_Is400NamingTheProblem_AndTheRulesStay(string body, string mentions)
    {
        await App.Admin.SetAsync(StorefrontToggles.PersonalRecommendations, new FlagRules { Percent = 10, Groups = ["beta"] }, SampleApp.Operator);
        var before = await Snapshot();

        var response = await Send(HttpMethod.Put, Recommendations + "/flag", body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(mentions));
        Assert.That(await Snapshot(), Is.EqualTo(before));
    }

    [TestCase("{\"rules\":{\"everyone\":false}}")]
    [TestCase("{\"rules\":{},\"clear\":true}")]
    public async Task RulesThatMatchNobody_AreAccepted_WhenTheBodySaysSo(string body)
    {
        await App.Admin.SetAsync(StorefrontToggles.PersonalRecommendations, new FlagRules { Everyone = true }, SampleApp.Operator);
        var etag = (await Client.SendAsync(Http.Get(Recommendations, "ada", Admin))).Headers.ETag!.Tag;

        var response = await Send(HttpMethod.Put, Recommendations + "/flag", body, etag);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.PersonalRecommendations, new ToggleContext { UserId = "u" }), Is.False);
    }

    [Test]
    public async Task BodyOverTheLimit_Is413_AndNothingIsStored()
    {
        var reason = new string('r', 2 * 1024 * 1024);

        var response = await Send(HttpMethod.Put, "/admin/toggles/storefront.maintenance_banner/switch", $"{{\"enabled\":true,\"reason\":\"{reason}\"}}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await App.Admin.GetHistoryAsync(StorefrontToggles.MaintenanceBanner.FullName), Is.Empty);
    }

    [TestCase("line one\nforged: ops switched everything off", "U+000A")]
    [TestCase("\u001b[2Jcleared", "U+001B")]
    [TestCase("looks \u202Eharmless", "U+202E")]
    public async Task ReasonWithControlOrBidiCharacters_Is400(string reason, string mentions)
    {
        var response = await Client.SendAsync(Http.Write(HttpMethod.Put, "/admin/toggles/storefront.maintenance_banner/switch", new { enabled = true, reason }, "\"0\"", "ada", Admin));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(mentions));
        Assert.That(await App.Admin.GetHistoryAsync(StorefrontToggles.MaintenanceBanner.FullName), Is.Empty);
    }

    [Test]
    public async Task ReasonOverTheLengthLimit_Is400()
    {
        var response = await Client.SendAsync(Http.Write(HttpMethod.Put, "/admin/toggles/storefront.maintenance_banner/switch", new { enabled = true, reason = new string('r', 1001) }, "\"0\"", "ada", Admin));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("at most 1000"));
    }

    [TestCase("course-v1:A+B\u202E+C", "course")]
    [TestCase("shop\u001b.example.com", "site")]
    [TestCase("Acme\r\n", "organization")]
    public async Task SubjectWithControlOrBidiCharacters_Is400_AndNothingIsStored(string subject, string level)
    {
        var toggle = level == "organization" ? "storefront.pilot_dashboard" : "storefront.new_grading";

        var response = await Client.SendAsync(Http.Write(HttpMethod.Put, $"/admin/toggles/{toggle}/overrides", new { level, subject, enabled = true }, "\"0\"", "ada", Admin));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        Assert.That(await App.Services.GetRequiredService<IToggleStore>().ListAsync(toggle + "/"), Is.Empty);
    }

    [TestCase("site, course")]
    [TestCase("1")]
    [TestCase("planet")]
    public async Task OverrideLevel_MustBeOneKnownName(string level)
    {
        var response = await Client.SendAsync(Http.Write(HttpMethod.Put, "/admin/toggles/storefront.new_grading/overrides", new { level, subject = "x", enabled = true }, "\"0\"", "ada", Admin));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await App.Services.GetRequiredService<IToggleStore>().ListAsync("storefront.new_grading/"), Is.Empty);
    }

    [TestCase("org")]
    [TestCase("organisation")]
    [TestCase("Organization")]
    public async Task OverrideLevel_OrganisationSpellings_AreOneLevel(string level)
    {
        var response = await Client.SendAsync(Http.Write(HttpMethod.Put, "/admin/toggles/storefront.pilot_dashboard/overrides", new { level, subject = "Acme", enabled = true }, "\"0\"", "ada", Admin));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.PilotDashboard, "Acme"), Is.True);
    }

    [TestCase("limit=abc", "limit")]
    [TestCase("limit=0", "limit")]
    [TestCase("before=-3", "before")]
    public async Task MalformedHistoryQuery_IsAProblemNamingTheParameter(string query, string mentions)
    {
        var response = await Client.SendAsync(Http.Get($"/admin/toggles/storefront.maintenance_banner/history?{query}", "ada", Admin));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain($"'{mentions}'"));
    }

    [Test]
    public async Task History_PagesWithLimitAndCursor()
    {
        for (var i = 0; i < 5; i++)
        {
            await App.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, i % 2 == 0, SampleApp.Operator, $"change {i}");
        }

        var first = await (await Client.SendAsync(Http.Get("/admin/toggles/storefront.maintenance_banner/history?limit=3", "ada", Admin))).JsonAsync();
        var cursor = first.GetProperty("nextBefore").GetInt64();
        var second = await (await Client.SendAsync(Http.Get($"/admin/toggles/storefront.maintenance_banner/history?limit=3&before={cursor}", "ada", Admin))).JsonAsync();
        var tooMany = await Client.SendAsync(Http.Get("/admin/toggles/storefront.maintenance_banner/history?limit=100000", "ada", Admin));

        var reasons = first.GetProperty("entries").EnumerateArray().Concat(second.GetProperty("entries").EnumerateArray()).Select(e => e.GetProperty("reason").GetString());
        Assert.That(reasons, Is.EqualTo(new[] { "change 4", "change 3", "change 2", "change 1", "change 0" }));
        Assert.That(second.GetProperty("nextBefore").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        Assert.That(tooMany.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string url, string body, string ifMatch = "*")
    {
        using var request = Http.Write(method, url, null, ifMatch, "ada", Admin);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return await Client.SendAsync(request);
    }

    private async Task<Dictionary<string, long>> Snapshot()
        => (await App.Services.GetRequiredService<IToggleStore>().ListAsync(string.Empty)).ToDictionary(r => r.Key, r => r.Version);
}
