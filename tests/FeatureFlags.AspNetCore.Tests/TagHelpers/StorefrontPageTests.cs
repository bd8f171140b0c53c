using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Samples.Web;

namespace FeatureFlags.AspNetCore.Tests.TagHelpers;

/// <summary>
/// The sample's Razor page <c>/storefront</c>, rendered for real: each <c>&lt;toggle&gt;</c> block in both states, and
/// the <c>&lt;toggle-bootstrap /&gt;</c> element.
/// </summary>
public sealed partial class StorefrontPageTests : SampleAppTest
{
    private const string PilotCourse = "course-v1:DemoX+Intro+2026";

    [Test]
    public async Task EverythingOff_RendersOnlyTheNegatedBlock()
    {
        var page = await RenderAsync("ada");

        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Not.Contain("id=\"maintenance\""), "switch off");
            Assert.That(page, Does.Not.Contain("id=\"new-checkout\""), "flag off");
            Assert.That(page, Does.Contain("id=\"legacy-checkout\""), "negate while off");
            Assert.That(page, Does.Not.Contain("id=\"new-grading\""), "course flag off for the course");
            Assert.That(page, Does.Not.Contain("id=\"pilot-dashboard\""), "org flag off for the organisation");
            Assert.That(page, Does.Not.Contain("<toggle"), "the toggle element itself is never written");
        });
    }

    [Test]
    public async Task EverythingOn_RendersEveryBlockButTheNegatedOne()
    {
        await App.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, true, SampleApp.Operator);
        await App.Admin.SetAsync(StorefrontToggles.NewCheckout, new FlagRules { Users = ["ada"] }, SampleApp.Operator);
        await App.Admin.SetCourseOverrideAsync(StorefrontToggles.NewGrading, PilotCourse, true, SampleApp.Operator);
        await App.Admin.SetOrganizationOverrideAsync(StorefrontToggles.PilotDashboard, "DemoX", true, SampleApp.Operator);

        var page = await RenderAsync("ada");
        var otherUser = await RenderAsync("bob");

        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Contain("<p id=\"maintenance\">We are doing maintenance tonight.</p>"));
            Assert.That(page, Does.Contain("id=\"new-checkout\""));
            Assert.That(page, Does.Not.Contain("id=\"legacy-checkout\""));
            Assert.That(page, Does.Contain("id=\"new-grading\""));
            Assert.That(page, Does.Contain("id=\"pilot-dashboard\""));
            Assert.That(page, Does.Not.Contain("<toggle"));
            Assert.That((otherUser.Contains("id=\"new-checkout\"", StringComparison.Ordinal), otherUser.Contains("id=\"legacy-checkout\"", StringComparison.Ordinal)), Is.EqualTo((false, true)), "evaluated for the visitor");
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Bootstrap_IsInertJson_EqualToTheStateEndpoint(bool on)
    {
        if (on)
        {
            await App.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, true, SampleApp.Operator);
            await App.Admin.SetAsync(StorefrontToggles.PersonalRecommendations, new FlagRules { Groups = ["beta"] }, SampleApp.Operator);
        }

        var page = await RenderAsync("gus", "beta");
        var state = await (await Client.SendAsync(Http.Get("/api/toggles", "gus", "beta"))).Content.ReadAsStringAsync();

        var elements = BootstrapElement().Matches(page);
        Assert.That(elements, Has.Count.EqualTo(1), page);
        var json = elements[0].Groups["json"].Value;
        Assert.Multiple(() =>
        {
            Assert.That(elements[0].Value, Does.StartWith($"<script type=\"application/json\" id=\"{ToggleBootstrapTagHelper.DefaultElementId}\">"), "a data block: never executed, so no CSP nonce or hash is needed");
            Assert.That(json, Is.EqualTo(state), "the same bytes as the state endpoint");
            Assert.That(json, Does.Not.Contain("<").And.Not.Contain(">").And.Not.Contain("&"), "nothing in it can close the element");
            Assert.That(ToggleValues(json)["storefront.maintenance_banner"], Is.EqualTo(on));
            Assert.That(ToggleValues(json)["storefront.personal_recommendations"], Is.EqualTo(on));
            Assert.That(ToggleValues(json).ContainsKey("storefront.new_reports"), Is.False, "exposed toggles only");
        });
    }

    private async Task<string> RenderAsync(string user, params string[] roles)
    {
        var response = await Client.SendAsync(Http.Get("/storefront", user, roles));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }

    private static Dictionary<string, bool> ToggleValues(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("toggles").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetBoolean());
    }

    [GeneratedRegex("<script[^>]*>(?<json>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex BootstrapElement();
}
