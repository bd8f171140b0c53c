using System.Text.RegularExpressions;
using FeatureFlags.Dashboard.Tests.Support;
using FeatureFlags.Samples.Web;
using Microsoft.Playwright;

namespace FeatureFlags.Dashboard.Tests;

/// <summary>
/// Release groups, prerequisites and revert in a real browser, on SQLite and on PostgreSQL: the sample's winter release
/// (storefront.gift_cards and storefront.gift_card_balance).
/// </summary>
public sealed class DashboardReleaseTests(string store) : DashboardFixture(store)
{
    private static readonly ToggleActor Seed = new("seed", "checkout-team");

    [Test]
    public async Task FlippingAGroup_ChangesAMembersAnswer_AndUnsettingItGivesTheMemberItsOwnRulesBack()
    {
        await App.Admin.SetAsync(StorefrontToggles.GiftCards, false, Seed, "not yet");
        var page = await Browser.OpenAsync(App, "ada", Admin);

        await page.GotoAsync("/toggles/");
        Assert.That(await Row(page, "storefront.winter_release").InnerTextAsync(), Does.Contain("2 members"));
        Assert.That(await Row(page, "storefront.gift_cards").InnerTextAsync(), Does.Contain("storefront.winter_release"));

        await page.GotoAsync("/toggles/t/storefront.winter_release");
        Assert.That(await page.Locator("#members + p + ul").InnerTextAsync(), Does.Contain("storefront.gift_cards").And.Contain("storefront.gift_card_balance"));
        var release = page.Locator("fieldset", new() { HasText = "Switch the whole release" });
        await release.GetByLabel("Reason").FillAsync("ship winter");
        await release.GetByRole(AriaRole.Button, new() { Name = "Group on" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("storefront.winter_release is now on for every member");
        var member = App.Toggles.Explain(StorefrontToggles.GiftCards);
        Assert.That((member.IsEnabled, member.Reason), Is.EqualTo((true, ToggleReason.ReleaseGroup)), "the group beats the member's own off");
        Assert.That(await page.Locator("#history tbody tr").First.InnerTextAsync(), Does.Contain("ada").And.Contain("ship winter"));
        await Browser.ScreenshotAsync(page, Shot("group"));

        await page.GotoAsync("/toggles/t/storefront.gift_cards");
        Assert.That(await page.Locator("main").InnerTextAsync(), Does.Contain("Member of storefront.winter_release: group: on for every member"));

        await page.GotoAsync("/toggles/t/storefront.winter_release");
        release = page.Locator("fieldset", new() { HasText = "Switch the whole release" });
        await release.GetByLabel("Reason").FillAsync("hold back");
        await release.GetByRole(AriaRole.Button, new() { Name = "Unset group" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("unset: each member follows its own rules");
        member = App.Toggles.Explain(StorefrontToggles.GiftCards);
        Assert.That((member.IsEnabled, member.Reason), Is.EqualTo((false, ToggleReason.Switch)));
    }

    [Test]
    public async Task Prerequisite_SetInTheForm_TurnsTheToggleOff_AndACycleIsRefusedWithTheCycleSpelledOut()
    {
        await App.Admin.SetAsync(StorefrontToggles.GiftCardBalance, new FlagRules { Everyone = true }, Seed);
        var page = await Browser.OpenAsync(App, "ada", Admin);

        await page.GotoAsync("/toggles/t/storefront.gift_card_balance");
        var form = page.Locator("form[action$='/prerequisites']");
        await form.GetByLabel("Prerequisites, one per line").FillAsync("storefront.gift_cards on");
        await form.GetByLabel("Reason").FillAsync("balance needs gift cards");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save prerequisites" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("storefront.gift_card_balance now requires storefront.gift_cards on");
        Assert.That(await page.Locator("ul.prerequisites").InnerTextAsync(), Does.Contain("storefront.gift_cards must be on"));
        Assert.That(await page.Locator("main > p").First.InnerTextAsync(), Does.Contain("on for everyone; only while storefront.gift_cards is on"));
        var answer = App.Toggles.Explain(StorefrontToggles.GiftCardBalance);
        Assert.That((answer.IsEnabled, answer.Reason), Is.EqualTo((false, ToggleReason.PrerequisiteFailed)), "gift cards are off");

        var historyBefore = (await App.Admin.GetHistoryAsync(StorefrontToggles.GiftCards.FullName)).Count;
        await page.GotoAsync("/toggles/t/storefront.gift_cards");
        Assert.That(await page.Locator("h3 + ul").InnerTextAsync(), Does.Contain("storefront.gift_card_balance"), "required by");
        form = page.Locator("form[action$='/prerequisites']");
        await form.GetByLabel("Prerequisites, one per line").FillAsync("storefront.gift_card_balance on");
        await form.GetByLabel("Reason").FillAsync("circular");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save prerequisites" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(
            "Nothing was changed: Prerequisites would form a cycle: storefront.gift_cards → storefront.gift_card_balance → storefront.gift_cards.");
        Assert.That(await App.Admin.GetHistoryAsync(StorefrontToggles.GiftCards.FullName), Has.Count.EqualTo(historyBefore), "nothing was written");
        await Browser.ScreenshotAsync(page, Shot("prerequisite-cycle"));
    }

    [Test]
    public async Task RevertFromHistory_RestoresTheEarlierState_AsANewAuditedChange()
    {
        var first = await App.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, true, Seed, "incident");
        await App.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, false, Seed, "resolved");
        var page = await Browser.OpenAsync(App, "ada", Admin);

        await page.GotoAsync("/toggles/t/storefront.maintenance_banner");
        var newest = page.Locator("#history tbody tr").First;
        Assert.That(await newest.Locator("button").CountAsync(), Is.Zero, "the current state is not offered as a revert");
        var row = page.Locator("#history tbody tr", new() { HasText = "incident" });
        await row.GetByLabel("Reason").FillAsync("incident again");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Revert to version {first.Version}" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Reverted storefront.maintenance_banner to its state after version {first.Version}");
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.MaintenanceBanner), Is.True);
        var latest = page.Locator("#history tbody tr").First;
        Assert.That(await latest.InnerTextAsync(), Does.Contain("ada").And.Contain("incident again"));
        Assert.That(await latest.Locator("div").Filter(new() { HasTextRegex = new Regex("^on:") }).Locator("ins").InnerTextAsync(), Is.EqualTo("true"));
    }

    /// <summary>The list's row of one toggle: the row whose first cell links to it (a member's row also links to its group).</summary>
    private static ILocator Row(IPage page, string name)
        => page.Locator("tbody tr").Filter(new() { Has = page.Locator($"td:first-child a[href='t/{name}']") });
}
