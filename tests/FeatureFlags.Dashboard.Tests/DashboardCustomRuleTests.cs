using FeatureFlags.Dashboard.Tests.Support;
using FeatureFlags.Samples.Web;
using Microsoft.Playwright;

namespace FeatureFlags.Dashboard.Tests;

/// <summary>Custom rules on a flag's page: shown in the summary and the form, edited one per line.</summary>
public sealed class DashboardCustomRuleTests(string store) : DashboardFixture(store)
{
    [Test]
    public async Task TogglePage_ShowsCustomRules_AndEditsThemThroughTheAdminPath()
    {
        await App.Admin.SetAsync(StorefrontToggles.PersonalRecommendations, new FlagRules { CustomRules = [CustomRule.FromJson("plan", """{ "plans": ["pro"] }""")] }, new ToggleActor("seed"));
        var page = await Browser.OpenAsync(App, "ada", Admin);

        await page.GotoAsync("/toggles/t/storefront.personal_recommendations");
        var form = page.Locator("form[action$='/flag']");
        var shown = await page.Locator("main > p").First.InnerTextAsync();
        var field = form.GetByLabel("Custom rules (one per line: name, then JSON parameters)");
        var inForm = await field.InputValueAsync();

        await field.FillAsync("plan {\"plans\":[\"pro\",\"team\"]}");
        await form.GetByLabel("Reason").FillAsync("team plan too");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved the rules");
        var team = App.Toggles.Explain(StorefrontToggles.PersonalRecommendations, new ToggleContext { Attributes = new Dictionary<string, string> { ["plan"] = "team" } });

        await form.GetByLabel("Custom rules (one per line: name, then JSON parameters)").FillAsync("plan {\"plans\":[]}");
        await form.GetByLabel("Reason").FillAsync("typo");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("expected {\"plans\"");

        Assert.Multiple(() =>
        {
            Assert.That(shown, Does.Contain("on for custom rule plan {\"plans\":[\"pro\"]}"));
            Assert.That(inForm, Is.EqualTo("plan {\"plans\":[\"pro\"]}"));
            Assert.That((team.IsEnabled, team.Reason), Is.EqualTo((true, ToggleReason.CustomRule)));
        });
    }
}
