using System.Net;
using FeatureFlags.Dashboard.Tests.Support;
using FeatureFlags.Samples.Web;
using Microsoft.Playwright;

namespace FeatureFlags.Dashboard.Tests;

/// <summary>
/// In Production, dangerous actions need the operator to type the toggle's name; the server checks it.
/// </summary>
public sealed class DashboardProductionTests
{
    private DashboardApp _app = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _app = new DashboardApp(environment: "Production");
        _ = _app.BaseAddress;
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task TurningASwitchOnForEveryone_NeedsTheTypedName_AndTheBannerSaysProduction()
    {
        var page = await Browser.OpenAsync(_app, "ada", DashboardFixture.Admin);
        await page.GotoAsync("/toggles/t/storefront.maintenance_banner");
        Assert.That(await page.Locator(".env").InnerTextAsync(), Does.Contain("Production"));
        Assert.That(await page.Locator(".env").GetAttributeAsync("class"), Does.Contain("env-red"));
        await Browser.ScreenshotAsync(page, "toggle-production");
        var turnOn = page.Locator("fieldset", new() { HasText = "Turn on for everyone" });
        await turnOn.GetByLabel("Reason").FillAsync("incident");
        await turnOn.GetByLabel("to confirm").FillAsync("storefront.maintenance_bannr");

        var wrong = await page.RunAndWaitForResponseAsync(
            () => turnOn.GetByRole(AriaRole.Button, new() { Name = "Turn on for everyone" }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.That(wrong.Status, Is.EqualTo(400));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("type 'storefront.maintenance_banner'");
        Assert.That(_app.Toggles.IsEnabled(StorefrontToggles.MaintenanceBanner), Is.False);

        var retry = page.Locator("fieldset", new() { HasText = "Turn on for everyone" });
        await retry.GetByLabel("Reason").FillAsync("incident");
        await retry.GetByLabel("to confirm").FillAsync("storefront.maintenance_banner");
        await retry.GetByRole(AriaRole.Button, new() { Name = "Turn on for everyone" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("now on for everyone");
        Assert.That(_app.Toggles.IsEnabled(StorefrontToggles.MaintenanceBanner), Is.True);
    }

    [Test]
    public async Task SiteOverride_TurningAToggleOffForTheSite_NeedsTheTypedName_LikeAFlip()
    {
        var page = await Browser.OpenAsync(_app, "ada", DashboardFixture.Admin);
        await page.GotoAsync("/toggles/t/storefront.maintenance_banner");
        await page.Locator("#o-level").SelectOptionAsync("site");
        await page.Locator("#o-subject").FillAsync("shop.example.com");
        await page.Locator("#o-value").SelectOptionAsync("off");
        await page.Locator("#override-reason").FillAsync("incident");

        var unconfirmed = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Add override" }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.That(unconfirmed.Status, Is.EqualTo(400));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("needs confirmation in Production");
        Assert.That(await _app.Store.GetAsync("storefront.maintenance_banner/site/shop.example.com"), Is.Null, "nothing was written");

        await page.Locator("#o-level").SelectOptionAsync("site");
        await page.Locator("#o-subject").FillAsync("shop.example.com");
        await page.Locator("#o-value").SelectOptionAsync("off");
        await page.Locator("#override-reason").FillAsync("incident");
        await page.Locator("#override-confirm").FillAsync("storefront.maintenance_banner");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add override" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("forced off for site 'shop.example.com'");
        Assert.That(await _app.Store.GetAsync("storefront.maintenance_banner/site/shop.example.com"), Is.Not.Null);
    }

    [Test]
    public async Task ConfirmationIsCheckedOnTheServer_NotOnlyInTheForm()
    {
        using var client = _app.HttpClientFor("ada", DashboardFixture.Admin);
        var page = await Browser.OpenAsync(_app, "ada", DashboardFixture.Admin);
        await page.GotoAsync("/toggles/t/storefront.personal_recommendations");
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");

        var response = await page.APIRequest.PostAsync("/toggles/t/storefront.personal_recommendations/delete", new()
        {
            Form = FormOf(page, ("__RequestVerificationToken", token!), ("version", "0"), ("reason", "cleanup")),
        });

        Assert.That(response.Status, Is.EqualTo((int)HttpStatusCode.BadRequest));
        Assert.That(await response.TextAsync(), Does.Contain("needs confirmation in Production"));
    }

    private static IFormData FormOf(IPage page, params (string Name, string Value)[] fields)
    {
        var form = page.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return form;
    }
}
