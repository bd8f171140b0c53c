using System.Net;
using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Samples.Web;
using FeatureFlags.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.AspNetCore.Tests.Context;

/// <summary>
/// Site keys are normalised when written and when read from the request, so case, a trailing dot or an IDN spelling
/// can neither bypass a site override nor keep one from matching.
/// </summary>
public sealed class SiteNormalisationTests : SampleAppTest
{
    [TestCase("Shop.Example.COM.", "shop.example.com")]
    [TestCase("bücher.example", "xn--bcher-kva.example")]
    public async Task OverrideWrittenInAnyForm_IsStoredNormalised(string typed, string stored)
    {
        var response = await Client.SendAsync(Http.Write(HttpMethod.Put, "/admin/toggles/storefront.maintenance_banner/overrides", new { level = "site", subject = typed, enabled = true }, "\"0\"", "ada", "toggle-admin"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var keys = (await App.Services.GetRequiredService<IToggleStore>().ListAsync("storefront.maintenance_banner/")).Select(r => r.Key);
        Assert.That(keys, Is.EqualTo(new[] { $"storefront.maintenance_banner/site/{stored}" }));
    }

    [TestCase("http://shop.example.com")]
    [TestCase("http://SHOP.Example.com")]
    [TestCase("http://shop.example.com.")]
    public async Task RequestHostInAnyForm_MatchesTheSiteOverride(string baseAddress)
    {
        await App.Admin.SetSiteOverrideAsync(StorefrontToggles.MaintenanceBanner, "Shop.Example.com", true, SampleApp.Operator);
        using var client = App.CreateClient(new() { BaseAddress = new Uri(baseAddress) });

        var toggles = await (await client.GetAsync("/api/toggles")).TogglesAsync();

        Assert.That(toggles["storefront.maintenance_banner"], Is.True);
    }

    [Test]
    public async Task OtherHosts_AreNotMatched()
    {
        await App.Admin.SetSiteOverrideAsync(StorefrontToggles.MaintenanceBanner, "shop.example.com", true, SampleApp.Operator);
        using var client = App.CreateClient(new() { BaseAddress = new Uri("http://other.example.com") });

        var toggles = await (await client.GetAsync("/api/toggles")).TogglesAsync();

        Assert.That(toggles["storefront.maintenance_banner"], Is.False);
    }
}
