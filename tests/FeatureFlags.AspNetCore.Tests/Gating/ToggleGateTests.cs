using System.Net;
using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Samples.Web;

namespace FeatureFlags.AspNetCore.Tests.Gating;

public sealed class ToggleGateTests : SampleAppTest
{
    [Test]
    public async Task RequireToggle_FlagOff_Answers404_AndFlagOn_RunsTheEndpoint()
    {
        var closed = await Client.GetAsync("/checkout");
        Assert.That(closed.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        await App.Admin.SetAsync(StorefrontToggles.NewCheckout, new FlagRules { Everyone = true }, SampleApp.Operator);

        var open = await Client.GetAsync("/checkout");
        Assert.That(open.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await open.Content.ReadAsStringAsync(), Is.EqualTo("new checkout"));
    }

    [Test]
    public async Task RequireToggleDisabled_OpensOnlyWhileTheFlagIsOff()
    {
        Assert.That((await Client.GetAsync("/checkout/legacy")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await App.Admin.SetAsync(StorefrontToggles.NewCheckout, new FlagRules { Everyone = true }, SampleApp.Operator);

        Assert.That((await Client.GetAsync("/checkout/legacy")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task RequireToggle_FollowsTheRequestUser()
    {
        await App.Admin.SetAsync(StorefrontToggles.NewCheckout, new FlagRules { Users = ["ada"] }, SampleApp.Operator);

        var ada = await Client.SendAsync(Http.Get("/checkout", "ada"));
        var bob = await Client.SendAsync(Http.Get("/checkout", "bob"));

        Assert.That(ada.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(bob.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task MvcToggleGate_AndItsNegation_FollowTheFlag()
    {
        Assert.That((await Client.GetAsync("/reports")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Client.GetAsync("/reports/legacy")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await App.Admin.SetAsync(StorefrontToggles.NewReports, new FlagRules { Everyone = true }, SampleApp.Operator);

        var open = await Client.GetAsync("/reports");
        Assert.That(open.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await open.Content.ReadAsStringAsync(), Does.Contain("\"report\":\"new\""));
        Assert.That((await Client.GetAsync("/reports/legacy")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task CourseFlagGate_IsDecidedPerCourseFromTheRoute()
    {
        const string Piloted = "course-v1:DemoX+Intro+2026";
        const string Other = "course-v1:OtherU+Intro+2026";
        const string ByOrg = "course-v1:PilotU+Stats+2026";
        await App.Admin.SetCourseOverrideAsync(StorefrontToggles.NewGrading, Piloted, true, SampleApp.Operator);
        await App.Admin.SetOrganizationOverrideAsync(StorefrontToggles.NewGrading, "PilotU", true, SampleApp.Operator);

        var piloted = await Client.GetAsync($"/courses/{Piloted}/grading");
        var other = await Client.GetAsync($"/courses/{Other}/grading");
        var byOrg = await Client.GetAsync($"/courses/{ByOrg}/grading");

        Assert.That(piloted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await piloted.Content.ReadAsStringAsync(), Is.EqualTo($"new grading for {Piloted}"));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(byOrg.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the course's organisation override opens it");
    }

    [Test]
    public async Task ClosedGate_IsLoggedWithTheToggle()
    {
        await Client.GetAsync("/checkout");

        Assert.That(App.Logs.WithEventId(104).Select(e => e.Message), Has.Some.Contains("storefront.new_checkout").And.Contains("/checkout"));
    }
}
