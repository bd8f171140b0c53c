using System.Net;
using System.Text.RegularExpressions;
using FeatureFlags.Dashboard.Tests.Support;
using FeatureFlags.Samples.Web;
using Microsoft.Playwright;

namespace FeatureFlags.Dashboard.Tests;

/// <summary>
/// Each screen in a real browser, as an operator uses it, on SQLite and on PostgreSQL.
/// </summary>
public sealed class DashboardScreensTests(string store) : DashboardFixture(store)
{
    private static readonly ToggleActor Seed = new("seed", "checkout-team");

    [Test]
    public async Task List_ShowsEveryToggleWithStateInTextAndColour_AndSearchesFiltersAndSorts()
    {
        await App.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, true, Seed, "incident");
        await App.Admin.SetAsync(StorefrontToggles.PersonalRecommendations, new FlagRules { Percent = 30, Groups = ["beta-testers"] }, Seed);
        await App.Admin.SetCourseOverrideAsync(StorefrontToggles.NewGrading, "course-v1:DemoX+Intro+2026", true, Seed);
        var page = await Browser.OpenAsync(App, "ada", Admin);

        await page.GotoAsync("/toggles/");
        await Browser.ScreenshotAsync(page, Shot("list"));

        var banner = page.Locator("tr", new() { HasText = "storefront.maintenance_banner" });
        Assert.That(await banner.Locator("b.on").InnerTextAsync(), Is.EqualTo("on"), "state in text, not colour alone");
        var recommendations = page.Locator("tr", new() { HasText = "storefront.personal_recommendations" });
        Assert.That(await recommendations.InnerTextAsync(), Does.Contain("conditional").And.Contain("on for group beta-testers; 30 % of users"));
        Assert.That(await page.Locator("tr", new() { HasText = "storefront.new_grading" }).InnerTextAsync(), Does.Contain("1 course override (1 on, 0 off)"));
        Assert.That(await page.Locator("tbody tr").CountAsync(), Is.EqualTo(10));

        await page.GetByLabel("Search").FillAsync("checkout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        Assert.That(await page.Locator("tbody tr").AllInnerTextsAsync(), Has.All.Contains("checkout"));
        Assert.That(await page.Locator("tbody tr").CountAsync(), Is.EqualTo(1));

        await page.GotoAsync("/toggles/?status=on");
        Assert.That(await page.Locator("tbody tr td:first-child").AllInnerTextsAsync(), Does.Contain("storefront.maintenance_banner").And.Not.Contain("storefront.personal_recommendations"));
        Assert.That(await page.Locator("tbody tr td:nth-child(2)").AllInnerTextsAsync(), Has.All.EqualTo("on"));

        await page.GotoAsync("/toggles/?type=CourseFlag");
        Assert.That(await page.Locator("tbody tr td:first-child").AllInnerTextsAsync(), Is.EqualTo(new[] { "storefront.new_grading" }));

        await page.GotoAsync("/toggles/?severity=warning");
        Assert.That(await page.Locator("tbody tr").CountAsync(), Is.GreaterThan(0));
        Assert.That(await page.Locator("tbody tr td:last-child").AllInnerTextsAsync(), Has.All.Not.Empty);

        await page.GotoAsync("/toggles/?ns=storefront&sort=ns");
        Assert.That(await page.Locator("tbody tr").CountAsync(), Is.EqualTo(10));

        await page.GotoAsync("/toggles/?sort=owner&dir=desc");
        var owners = await page.Locator("tbody tr td:nth-child(4)").AllInnerTextsAsync();
        Assert.That(owners, Is.EqualTo(owners.OrderByDescending(o => o, StringComparer.Ordinal)));
    }

    [Test]
    public async Task FlippingASwitch_OpensTheGatedEndpoint_AndTheHistoryShowsWhoWhyAndTheDiff()
    {
        using var visitor = new HttpClient { BaseAddress = App.BaseAddress };
        var page = await Browser.OpenAsync(App, "ada", Admin);
        Assert.That((await visitor.GetAsync("/maintenance")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        await page.GotoAsync("/toggles/t/storefront.maintenance_banner");
        var turnOn = page.Locator("fieldset", new() { HasText = "Turn on for everyone" });
        await turnOn.GetByLabel("Reason").FillAsync("maintenance tonight");
        await turnOn.GetByRole(AriaRole.Button, new() { Name = "Turn on for everyone" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("storefront.maintenance_banner is now on for everyone");
        Assert.That((await visitor.GetAsync("/maintenance")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var row = page.Locator("#history tbody tr").First;
        Assert.That(await row.InnerTextAsync(), Does.Contain("ada").And.Contain("maintenance tonight").And.Contain("Created"));
        Assert.That(await row.Locator("div").Filter(new() { HasTextRegex = new Regex("^on:") }).Locator("ins").InnerTextAsync(), Is.EqualTo("true"));

        var turnOff = page.Locator("fieldset", new() { HasText = "Turn off for everyone" });
        await turnOff.GetByLabel("Reason").FillAsync("done");
        await turnOff.GetByRole(AriaRole.Button, new() { Name = "Turn off for everyone" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("now off");
        Assert.That((await visitor.GetAsync("/maintenance")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var latest = page.Locator("#history tbody tr").First;
        Assert.That(await latest.Locator("del").InnerTextAsync(), Is.EqualTo("true"), "only the changed field is shown");
        Assert.That(await latest.Locator("ins").InnerTextAsync(), Is.EqualTo("false"));
        await Browser.ScreenshotAsync(page, Shot("toggle-switch"));
    }

    [Test]
    public async Task EditingFlagRules_SavesThemThroughTheAdminPath_AndTheGateFollows()
    {
        var page = await Browser.OpenAsync(App, "ada", Admin, "checkout-team");
        await page.GotoAsync("/toggles/t/storefront.new_checkout");
        var form = page.Locator("form[action$='/flag']");

        await form.GetByLabel("Percent of users").FillAsync("30");
        await form.GetByLabel("Groups (one per line)").FillAsync("beta-testers\npilot");
        await form.GetByLabel("Staff").CheckAsync();
        await form.GetByLabel("Reason").FillAsync("start rollout");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved the rules");
        Assert.That(await page.Locator("main > p").First.InnerTextAsync(), Does.Contain("on for groups beta-testers and pilot; staff; 30 % of users"));
        var stored = App.Toggles.Explain(StorefrontToggles.NewCheckout, new ToggleContext { UserId = "u1", Groups = ["pilot"] });
        Assert.That((stored.IsEnabled, stored.Reason), Is.EqualTo((true, ToggleReason.Group)));
        Assert.That((await App.Admin.GetHistoryAsync(StorefrontToggles.NewCheckout.FullName)).Single().Actor, Is.EqualTo("ada"));
        await Browser.ScreenshotAsync(page, Shot("toggle-flag"));

        await form.GetByLabel("Everyone").SelectOptionAsync("on");
        await form.GetByLabel("Reason").FillAsync("launch");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved the rules");
        using var visitor = new HttpClient { BaseAddress = App.BaseAddress };
        Assert.That((await visitor.GetAsync("/checkout")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task CourseAndOrgOverrides_AddedOneByOneAndPasted_ThenCleared()
    {
        var page = await Browser.OpenAsync(App, "ada", Admin);
        await page.GotoAsync("/toggles/t/storefront.new_grading");

        var add = page.Locator("fieldset", new() { HasText = "Add an override" });
        await add.GetByLabel("Level").SelectOptionAsync("organization");
        await add.GetByLabel("Subject (site, course key or organisation)").FillAsync("DemoX");
        await add.GetByLabel("Reason").FillAsync("pilot org");
        await add.GetByRole(AriaRole.Button, new() { Name = "Add override" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("forced on for org 'DemoX'");

        var bulk = page.Locator("fieldset", new() { HasText = "Add overrides in bulk" });
        await bulk.GetByLabel("Level").SelectOptionAsync("course");
        await bulk.GetByLabel("Subjects, one per line").FillAsync("course-v1:Acme+CS101+2026\ncourse-v1:Acme+LAW101+2026\n\ncourse-v1:Acme+ART1+2026\n");
        await bulk.GetByLabel("Force").SelectOptionAsync("off");
        await bulk.GetByLabel("Reason").FillAsync("opt-outs from the support ticket");
        await bulk.GetByRole(AriaRole.Button, new() { Name = "Add all (all or nothing)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("for 3 course subject(s)");

        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.NewGrading, "course-v1:DemoX+Intro+2026"), Is.True, "the org override");
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.NewGrading, "course-v1:Acme+LAW101+2026"), Is.False);
        Assert.That(await page.Locator("h2", new() { HasText = "Overrides" }).InnerTextAsync(), Is.EqualTo("Overrides (4)"));

        await page.GetByLabel("Find a subject").FillAsync("LAW");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        var row = page.Locator("tr", new() { HasText = "course-v1:Acme+LAW101+2026" });
        await row.GetByLabel("Reason").FillAsync("ticket closed");
        await row.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Cleared the course override");
        Assert.That(await App.Store.GetAsync("storefront.new_grading/course/course-v1:Acme+LAW101+2026"), Is.Null);
        Assert.That(await page.Locator("h2", new() { HasText = "Overrides" }).InnerTextAsync(), Is.EqualTo("Overrides (3)"));
    }

    [Test]
    public async Task PastedListWithOneBadSubject_AddsNothing_AndSaysWhich()
    {
        var page = await Browser.OpenAsync(App, "ada", Admin);
        await page.GotoAsync("/toggles/t/storefront.new_grading");
        var bulk = page.Locator("fieldset", new() { HasText = "Add overrides in bulk" });
        await bulk.GetByLabel("Subjects, one per line").FillAsync("course-v1:Acme+CS101+2026\n" + new string('x', 2100));
        await bulk.GetByLabel("Reason").FillAsync("bulk");
        await bulk.GetByRole(AriaRole.Button, new() { Name = "Add all (all or nothing)" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was changed");
        Assert.That(await App.Store.ListAsync("storefront.new_grading/"), Is.Empty);
    }

    [Test]
    public async Task CheckASubject_ShowsEveryAnswerAndTheRuleThatDecidedIt()
    {
        await App.Admin.SetAsync(StorefrontToggles.PersonalRecommendations, new FlagRules { Groups = ["beta-testers"] }, Seed);
        await App.Admin.SetCourseOverrideAsync(StorefrontToggles.NewGrading, "course-v1:DemoX+Intro+2026", true, Seed);
        var page = await Browser.OpenAsync(App, "sam", Admin);

        await page.GotoAsync("/toggles/check");
        await page.GetByLabel("User id").FillAsync("grace");
        await page.GetByLabel("Groups (comma separated)").FillAsync("beta-testers");
        await page.GetByLabel("Course key").FillAsync("course-v1:DemoX+Intro+2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Browser.ScreenshotAsync(page, Shot("check"));

        var recommendations = page.Locator("tr", new() { HasText = "storefront.personal_recommendations" });
        Assert.That(await recommendations.InnerTextAsync(), Does.Contain("on").And.Contain("Group").And.Contain("on for group 'beta-testers'"));
        var grading = page.Locator("tr", new() { HasText = "storefront.new_grading" });
        Assert.That(await grading.InnerTextAsync(), Does.Contain("Course").And.Contain("course-v1:DemoX+Intro+2026"));
        Assert.That(await page.Locator("tbody tr").CountAsync(), Is.EqualTo(10));
    }

    [Test]
    public async Task Debt_ListsFindingsWithFixHints_AndDeletesAnOrphansState()
    {
        await App.Store.SetAsync("retired.old_banner", StoredValues.Switch(true), 0, new FeatureFlags.Storage.ToggleAuditInfo("legacy"));
        var page = await Browser.OpenAsync(App, "ada", Admin);

        await page.GotoAsync("/toggles/debt");
        await Browser.ScreenshotAsync(page, Shot("debt"));
        var orphan = page.Locator("tr", new() { HasText = "retired.old_banner" });
        Assert.That(await orphan.InnerTextAsync(), Does.Contain("orphan").And.Contain("step two of two-step removal"));
        Assert.That(await page.Locator("td", new() { HasText = "missing-removal-date" }).CountAsync(), Is.GreaterThan(0));

        await orphan.GetByLabel("Reason").FillAsync("removed from code in 2.3");
        await orphan.GetByRole(AriaRole.Button, new() { Name = "Delete the stored state of retired.old_banner" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Deleted 1 stored key(s) of retired.old_banner");
        Assert.That(await App.Store.GetAsync("retired.old_banner"), Is.Null);
        Assert.That((await App.Admin.GetHistoryAsync("retired.old_banner")).Last().Reason, Is.EqualTo("removed from code in 2.3"));
    }

    [Test]
    public async Task ExportThenImport_DryRunShowsTheDiffAndProblems_ThenApplies()
    {
        await App.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, true, Seed);
        var page = await Browser.OpenAsync(App, "ada", Admin);
        await page.GotoAsync("/toggles/transfer");
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Download every stored key as JSON" });
        var download = await page.APIRequest.GetAsync((await link.GetAttributeAsync("href"))!);
        Assert.That(download.Headers["content-disposition"], Does.StartWith("attachment"));
        var export = await download.TextAsync();
        Assert.That(export, Does.Contain("storefront.maintenance_banner"));
        await App.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, false, Seed);

        await page.GetByLabel("or paste its JSON").FillAsync(export);
        await page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Dry run: 1 change(s) would be applied");
        Assert.That(await page.Locator("tr", new() { HasText = "storefront.maintenance_banner" }).InnerTextAsync(), Does.Contain("Updated").And.Contain("false").And.Contain("true"));
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.MaintenanceBanner), Is.False, "a dry run writes nothing");
        await Browser.ScreenshotAsync(page, Shot("import"));

        var apply = page.Locator("fieldset", new() { HasText = "Apply this import" });
        await apply.GetByLabel("Reason").FillAsync("restore from staging");
        await apply.GetByRole(AriaRole.Button, new() { Name = "Apply (all or nothing)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Imported: 1 change(s) applied");
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.MaintenanceBanner), Is.True);

        await page.GetByLabel("or paste its JSON").FillAsync(export.Replace("storefront.maintenance_banner", "storefront.search_v2", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("1 problem(s) would stop this import");
        Assert.That(await page.Locator("li.sev-error").InnerTextAsync(), Does.Contain("setting toggle"));
        Assert.That(await page.Locator("fieldset", new() { HasText = "Apply this import" }).CountAsync(), Is.Zero, "nothing to apply while there are errors");
    }

    [Test]
    public async Task Pages_CarrySecurityHeaders_AndTheStylesheetIsEmbedded()
    {
        using var client = App.HttpClientFor("ada", Admin);

        var page = await client.GetAsync("/toggles/");
        var css = await client.GetAsync("/toggles/_assets/dashboard.css");

        Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'none'").And.Contain("frame-ancestors 'none'").And.Not.Contain("unsafe-inline"));
        Assert.That(page.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
        Assert.That(page.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("same-origin"));
        Assert.That(page.Headers.CacheControl!.NoStore, Is.True);
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(html, Does.Not.Contain("<script"));
        Assert.That(Regex.Matches(html, "(src|href)=\"https?://"), Is.Empty, "no external assets");
        Assert.That(css.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/css"));
        Assert.That(await css.Content.ReadAsStringAsync(), Does.Contain("b.on"));
    }
}
