using System.Net;
using FeatureFlags.AspNetCore.Tests.Support;

namespace FeatureFlags.AspNetCore.Tests;

public sealed class SampleAppTests
{
    [Test]
    public async Task DevelopmentLogin_SignsInWithRoles_AndTheAdminApiAcceptsTheCookie()
    {
        using var app = new SampleApp { UseTestSignIn = false };
        using var client = app.CreateHttpsClient();

        var before = await client.GetAsync("/admin/toggles");
        await client.GetAsync("/dev/login?user=ada&roles=toggle-admin");
        var after = await client.GetAsync("/admin/toggles");

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task DevelopmentLogin_DoesNotExistInProduction()
    {
        using var app = new SampleApp { EnvironmentName = "Production", UseTestSignIn = false };
        using var client = app.CreateHttpsClient();

        var response = await client.GetAsync("/dev/login?user=ada&roles=toggle-admin");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task HealthEndpoint_ReportsTheToggleStore()
    {
        using var app = new SampleApp();
        using var client = app.CreateHttpsClient();

        var response = await client.GetAsync("/health");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
    }

    [TestCase("/switch", "storefront.maintenance_banner = off")]
    [TestCase("/flag", "storefront.new_checkout = off")]
    [TestCase("/courses/course-v1:DemoX+Intro+2026", "storefront.new_grading = off")]
    [TestCase("/orgs/DemoX", "storefront.pilot_dashboard = off")]
    [TestCase("/setting", "storefront.search_v2 = on by Setting")]
    public async Task EachToggleTypePage_ExplainsItsToggle(string url, string explanation)
    {
        using var app = new SampleApp();
        using var client = app.CreateHttpsClient();

        Assert.That(await client.GetStringAsync(url), Does.StartWith(explanation));
    }
}
