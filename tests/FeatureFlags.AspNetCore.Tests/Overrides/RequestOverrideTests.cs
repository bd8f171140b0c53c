using System.Net;
using FeatureFlags.AspNetCore.Tests.Support;
using Microsoft.Extensions.Logging;

namespace FeatureFlags.AspNetCore.Tests.Overrides;

public sealed class RequestOverrideTests
{
    [Test]
    public async Task Enabled_QueryOverride_OpensTheGate_AndIsLogged()
    {
        using var app = new SampleApp { EnableRequestOverrides = true };
        using var client = app.CreateHttpsClient();

        var overridden = await client.GetAsync("/checkout?toggle.storefront.new_checkout=on");
        var plain = await client.GetAsync("/checkout");

        Assert.That(overridden.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "an override lasts one request");
        var logged = app.Logs.WithEventId(100);
        Assert.That(logged, Has.Count.EqualTo(1));
        Assert.That(logged[0].Message, Does.Contain("/checkout").And.Contain("storefront.new_checkout=on"));
    }

    [Test]
    public async Task Enabled_HeaderOverride_SetsSeveralToggles()
    {
        using var app = new SampleApp { EnableRequestOverrides = true };
        using var client = app.CreateHttpsClient();
        using var request = Http.Get("/api/toggles");
        request.Headers.Add("X-Toggle-Overrides", "storefront.new_checkout=on; storefront.search_v2=off");

        var toggles = await (await client.SendAsync(request)).TogglesAsync();

        Assert.That((toggles["storefront.new_checkout"], toggles["storefront.search_v2"]), Is.EqualTo((true, false)));
    }

    [TestCase("/checkout?toggle.storefront.new_checkout=maybe", "'maybe'")]
    [TestCase("/checkout?toggle.storefront.no_such=on", "'storefront.no_such' is not a declared toggle")]
    public async Task Enabled_InvalidOverride_Answers400NamingTheProblem(string url, string problem)
    {
        using var app = new SampleApp { EnableRequestOverrides = true };
        using var client = app.CreateHttpsClient();

        var response = await client.GetAsync(url);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(problem));
    }

    [Test]
    public async Task Disabled_ByDefault_OverridesAreIgnored()
    {
        using var app = new SampleApp { EnableRequestOverrides = false };
        using var client = app.CreateHttpsClient();

        var response = await client.GetAsync("/checkout?toggle.storefront.new_checkout=on");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(app.Logs.WithEventId(100), Is.Empty);
    }

    [TestCase("Production")]
    [TestCase("Prod")]
    [TestCase("Staging")]
    public async Task EnvironmentNotOnTheAllowList_RefusesOverrides_EvenWhenEnabled_AndSaysSo(string environment)
    {
        using var app = new SampleApp { EnvironmentName = environment, EnableRequestOverrides = true };
        using var client = app.CreateHttpsClient();
        using var request = Http.Get("/checkout?toggle.storefront.new_checkout=on");
        request.Headers.Add("X-Toggle-Overrides", "storefront.new_checkout=on");

        var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(app.Logs.WithEventId(101).Single().Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(app.Logs.WithEventId(102), Has.Count.EqualTo(1), "each refused request is logged");
        Assert.That(app.Logs.WithEventId(100), Is.Empty);
    }

    [Test]
    public async Task EnvironmentAddedToTheAllowList_HonoursOverrides_ComparedWithoutCase()
    {
        using var app = new SampleApp { EnvironmentName = "Staging", EnableRequestOverrides = true, RequestOverrideEnvironments = ["Development", "staging"] };
        using var client = app.CreateHttpsClient();

        var response = await client.GetAsync("/checkout?toggle.storefront.new_checkout=on");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Disabled_FlagInTestingMode_StillTakesOverrides_OthersDoNot()
    {
        using var app = new SampleApp { EnableRequestOverrides = false };
        using var client = app.CreateHttpsClient();
        await app.Admin.SetAsync(Samples.Web.StorefrontToggles.PersonalRecommendations, new FlagRules { Testing = true }, SampleApp.Operator);

        var testing = await (await client.GetAsync("/recommendations?toggle.storefront.personal_recommendations=on")).JsonAsync();
        var other = await client.GetAsync("/checkout?toggle.storefront.new_checkout=on");
        var unrelated = await client.GetAsync("/checkout/legacy?toggle.anything=maybe");

        Assert.That(testing.GetProperty("source").GetString(), Is.EqualTo("personal"));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "not in testing mode");
        Assert.That(unrelated.StatusCode, Is.EqualTo(HttpStatusCode.OK), "other query parameters are not mistakes while overrides are off");
    }

    [TestCase("Production")]
    [TestCase("Prod")]
    public async Task EnvironmentNotOnTheAllowList_RefusesOverridesOfAFlagInTestingMode(string environment)
    {
        using var app = new SampleApp { EnvironmentName = environment };
        using var client = app.CreateHttpsClient();
        await app.Admin.SetAsync(Samples.Web.StorefrontToggles.PersonalRecommendations, new FlagRules { Testing = true }, SampleApp.Operator);

        var response = await (await client.GetAsync("/recommendations?toggle.storefront.personal_recommendations=on")).JsonAsync();

        Assert.That(response.GetProperty("source").GetString(), Is.EqualTo("bestsellers"));
        Assert.That(app.Logs.WithEventId(102), Has.Count.EqualTo(1));
    }
}
