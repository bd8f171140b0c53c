using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Samples.Web;

namespace FeatureFlags.AspNetCore.Tests.Context;

public sealed class RequestContextTests : SeededSampleAppFixture
{
    protected override async Task SeedAsync(IToggleAdmin admin)
    {
        await admin.SetSiteOverrideAsync(StorefrontToggles.MaintenanceBanner, "shop.example.com", true, SampleApp.Operator);
        await admin.SetAsync(StorefrontToggles.NewCheckout, new FlagRules { Languages = ["fr"] }, SampleApp.Operator);
        await admin.SetAsync(StorefrontToggles.PersonalRecommendations, new FlagRules { Superusers = true }, SampleApp.Operator);
    }

    [Test]
    public async Task Site_ComesFromTheHost()
    {
        using var shop = Http.Get("https://shop.example.com/api/toggles");
        var onShop = await (await Client.SendAsync(shop)).TogglesAsync();
        var onLocalhost = await (await Client.GetAsync("/api/toggles")).TogglesAsync();

        Assert.That((onShop["storefront.maintenance_banner"], onLocalhost["storefront.maintenance_banner"]), Is.EqualTo((true, false)));
    }

    [Test]
    public async Task Language_ComesFromAcceptLanguage_PreferringTheHighestQuality()
    {
        using var french = Http.Get("/api/toggles");
        french.Headers.Add("Accept-Language", "en;q=0.4, fr-CA;q=0.9");
        using var english = Http.Get("/api/toggles");
        english.Headers.Add("Accept-Language", "en-GB, fr;q=0.5");

        var fr = await (await Client.SendAsync(french)).TogglesAsync();
        var en = await (await Client.SendAsync(english)).TogglesAsync();

        Assert.That((fr["storefront.new_checkout"], en["storefront.new_checkout"]), Is.EqualTo((true, false)));
    }

    [Test]
    public async Task Superuser_ComesFromTheSuperuserRole()
    {
        var root = await (await Client.SendAsync(Http.Get("/api/toggles", "root", "superuser"))).TogglesAsync();
        var staff = await (await Client.SendAsync(Http.Get("/api/toggles", "sam", "staff"))).TogglesAsync();

        Assert.That((root["storefront.personal_recommendations"], staff["storefront.personal_recommendations"]), Is.EqualTo((true, false)));
    }
}
