using System.Text.Json;
using FeatureFlags.Cli;
using FeatureFlags.Dashboard.Tests.Support;
using FeatureFlags.Samples.Web;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Dashboard.Tests;

/// <summary>
/// The one read model, seen from three surfaces on one store: the admin API's <c>GET {toggle}</c>, <c>toggles show
/// --json</c> and the dashboard's toggle page in a real browser carry the same content for a toggle with a group,
/// overrides, a prerequisite, a dependant and a lint finding.
/// </summary>
public sealed class ReadModelSurfaceTests(string store) : DashboardFixture(store)
{
    private static readonly ToggleActor Ada = new("ada", "checkout-team");

    [Test]
    public async Task HttpApi_CliShowJson_AndDashboardPage_ShowTheSameToggle()
    {
        const string Name = "storefront.gift_card_balance";
        await App.Admin.SetGroupAsync(StorefrontToggles.WinterRelease.FullName, true, Ada, "ship");
        await App.Admin.SetAsync(StorefrontToggles.GiftCardBalance, new FlagRules { Percent = 25, Groups = ["beta"] }, Ada, "roll out");
        await App.Admin.SetSiteOverrideAsync(StorefrontToggles.GiftCardBalance, "shop.example.com", false, Ada, "not there yet");
        await App.Admin.SetPrerequisitesAsync(Name, [new("storefront.gift_cards")], Ada, "needs gift cards");
        await App.Admin.SetPrerequisitesAsync(StorefrontToggles.NewReports.FullName, [new(Name)], Ada, "reports need the balance");
        var view = (await App.Services.GetRequiredService<IToggleCatalog>().GetAsync(Name))!;

        using var client = App.HttpClientFor("ada", Admin);
        using var response = await client.GetAsync($"/admin/toggles/{Name}");
        var http = await response.Content.ReadAsStringAsync();
        var cli = await ShowJsonAsync(Name);

        var page = await Browser.OpenAsync(App, "ada", Admin);
        await page.GotoAsync($"/toggles/t/{Name}");
        var html = await page.Locator("main").InnerTextAsync();
        await Browser.ScreenshotAsync(page, Shot("read-model"));
        await page.Context.CloseAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo($"\"{view.Version}\""));
            Assert.That(http, Is.EqualTo(view.ToJson()), "the admin API answers with the view");
            Assert.That(cli, Is.EqualTo(view.ToJson()), "so does toggles show --json, to the byte");

            var json = JsonDocument.Parse(http).RootElement;
            Assert.That(json.GetProperty("dependants").EnumerateArray().Select(d => d.GetString()), Is.EqualTo(new[] { StorefrontToggles.NewReports.FullName }));
            Assert.That(json.GetProperty("groupSettings").GetString(), Is.Not.Null.And.Not.Empty);
            Assert.That(json.GetProperty("overrides").GetArrayLength(), Is.EqualTo(1));

            // The page renders the same view: what the JSON says, the page says.
            Assert.That(html, Does.Contain(view.Entry.CurrentSettings));
            Assert.That(html, Does.Contain($"Member of {StorefrontToggles.WinterRelease.FullName}: {view.GroupSettings}"));
            Assert.That(html, Does.Contain(StorefrontToggles.NewReports.FullName), "dependant");
            Assert.That(html, Does.Contain("storefront.gift_cards"), "prerequisite");
            Assert.That(html, Does.Contain("shop.example.com"), "override");
            Assert.That(html, Does.Contain(view.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(html, Does.Contain(view.Entry.LastModified!.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)), "last modified");
            foreach (var finding in view.Findings)
            {
                Assert.That(html, Does.Contain(finding.Rule), "finding " + finding.Rule);
            }
        });
    }

    private async Task<string> ShowJsonAsync(string name)
    {
        string[] storeArgs = App.PostgresConnectionString is { } postgres ? ["--postgres", postgres] : ["--sqlite", App.DatabasePath];
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await TogglesCommand.RunAsync(["show", name, "--json", .. storeArgs, "--assembly", typeof(StorefrontToggles).Assembly.Location], output, error, new Dictionary<string, string?>());
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), error.ToString());
        return output.ToString().TrimEnd('\n', '\r');
    }
}
