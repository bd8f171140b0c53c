using FeatureFlags.Dashboard.Tests.Support;
using FeatureFlags.Samples.Web;
using Microsoft.Playwright;

namespace FeatureFlags.Dashboard.Tests;

/// <summary>
/// Every safety rule enforced on the server, tried in a real browser: policy, editor roles, stale versions,
/// antiforgery, read-only users, inert user text.
/// </summary>
public sealed class DashboardSafetyTests(string store) : DashboardFixture(store)
{
    private static readonly ToggleActor Seed = new("seed", "checkout-team");

    [Test]
    public async Task UserWithoutThePolicy_Gets403_AndNoState()
    {
        var page = await Browser.OpenAsync(App, "eve", "staff");

        var response = await page.APIRequest.GetAsync("/toggles/");
        var post = await page.APIRequest.PostAsync("/toggles/t/storefront.maintenance_banner/switch", new() { Form = Form(page, ("enabled", "on"), ("version", "0"), ("reason", "x")) });

        Assert.That(response.Status, Is.EqualTo(403));
        Assert.That(await response.TextAsync(), Does.Not.Contain("storefront."));
        Assert.That(post.Status, Is.EqualTo(403));
        Assert.That(await App.Store.ListAsync(string.Empty), Is.Empty);
    }

    [Test]
    public async Task WithoutTheToggleEditorRole_NoFormsAreShown_AndAForgedPostIsRefused()
    {
        var page = await Browser.OpenAsync(App, "ada", Admin);
        await page.GotoAsync("/toggles/t/storefront.new_checkout");
        Assert.That(await page.Locator("form[method=post]").CountAsync(), Is.Zero);
        Assert.That(await page.Locator("main").InnerTextAsync(), Does.Contain("needs one of the roles checkout-team"));
        var token = await TokenAsync(page, "/toggles/t/storefront.maintenance_banner");

        var forged = await page.APIRequest.PostAsync("/toggles/t/storefront.new_checkout/flag", new()
        {
            Form = Form(page, ("__RequestVerificationToken", token), ("everyone", "on"), ("version", "0"), ("reason", "sneaky")),
        });

        Assert.That(forged.Status, Is.EqualTo(403));
        Assert.That(await forged.TextAsync(), Does.Contain("checkout-team"));
        Assert.That(await App.Store.GetAsync(StorefrontToggles.NewCheckout.FullName), Is.Null);
        Assert.That(await App.Admin.GetHistoryAsync(StorefrontToggles.NewCheckout.FullName), Is.Empty);
    }

    [Test]
    public async Task TwoOperatorsEditTheSameToggle_TheSecondSeesWhatChanged_AndNothingIsOverwritten()
    {
        var earlier = (await App.Admin.GetHistoryAsync(StorefrontToggles.PersonalRecommendations.FullName)).Count;
        await App.Admin.SetAsync(StorefrontToggles.PersonalRecommendations, new FlagRules { Percent = 10 }, Seed);
        var ada = await Browser.OpenAsync(App, "ada", Admin);
        var bob = await Browser.OpenAsync(App, "bob", Admin);
        await ada.GotoAsync("/toggles/t/storefront.personal_recommendations");
        await bob.GotoAsync("/toggles/t/storefront.personal_recommendations");

        var adaForm = ada.Locator("form[action$='/flag']");
        await adaForm.GetByLabel("Percent of users").FillAsync("50");
        await adaForm.GetByLabel("Reason").FillAsync("widen");
        await adaForm.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();
        await Assertions.Expect(ada.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved the rules");

        var bobForm = bob.Locator("form[action$='/flag']");
        await bobForm.GetByLabel("Percent of users").FillAsync("0");
        await bobForm.GetByLabel("Groups (one per line)").FillAsync("qa");
        await bobForm.GetByLabel("Reason").FillAsync("narrow");
        var response = await bob.RunAndWaitForResponseAsync(
            () => bobForm.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.That(response.Status, Is.EqualTo(409));
        await Assertions.Expect(bob.GetByRole(AriaRole.Alert)).ToContainTextAsync("Someone changed this toggle since you opened the form");
        Assert.That(await bob.Locator("table#history").First.InnerTextAsync(), Does.Contain("ada").And.Contain("widen"));
        Assert.That(await bob.Locator("main").InnerTextAsync(), Does.Contain("Now: on for 50 % of users"));
        await Browser.ScreenshotAsync(bob, Shot("stale"));
        var rules = App.Toggles.Explain(StorefrontToggles.PersonalRecommendations, new ToggleContext { UserId = "x", Groups = ["qa"] });
        Assert.That(rules.Reason, Is.Not.EqualTo(ToggleReason.Group), "bob's stale rules were not written");
        Assert.That((await App.Admin.GetHistoryAsync(StorefrontToggles.PersonalRecommendations.FullName)).Skip(earlier).Select(h => h.Actor), Is.EqualTo(new[] { "seed", "ada" }));
    }

    [Test]
    public async Task FormWithoutTheAntiforgeryToken_IsRefused_AndChangesNothing()
    {
        var page = await Browser.OpenAsync(App, "ada", Admin);
        await page.GotoAsync("/toggles/t/storefront.maintenance_banner");
        var turnOn = page.Locator("fieldset", new() { HasText = "Turn on for everyone" });
        await turnOn.Locator("input[name=__RequestVerificationToken]").EvaluateAsync("input => input.remove()");
        await turnOn.GetByLabel("Reason").FillAsync("no token");

        var response = await page.RunAndWaitForResponseAsync(
            () => turnOn.GetByRole(AriaRole.Button, new() { Name = "Turn on for everyone" }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.That(response.Status, Is.EqualTo(400));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("nothing was changed");
        Assert.That(await App.Store.ListAsync(string.Empty), Is.Empty);
    }

    [Test]
    public async Task FormOverTheAdminBodyLimit_Is413_AndChangesNothing()
    {
        var page = await Browser.OpenAsync(App, "ada", Admin);
        var token = await TokenAsync(page, "/toggles/t/storefront.new_grading");

        var response = await page.APIRequest.PostAsync("/toggles/t/storefront.new_grading/overrides/bulk", new()
        {
            Form = Form(page, ("__RequestVerificationToken", token), ("level", "course"), ("value", "on"), ("reason", "flood"),
                ("subjects", string.Join('\n', Enumerable.Range(0, 60_000).Select(i => $"course-v1:Org+C{i}+2026")))),
        });

        Assert.That(response.Status, Is.EqualTo(413));
        Assert.That(await App.Store.ListAsync(string.Empty), Is.Empty);
    }

    [Test]
    public async Task MissingReason_IsRefusedOnTheServer()
    {
        var page = await Browser.OpenAsync(App, "ada", Admin);
        var token = await TokenAsync(page, "/toggles/t/storefront.maintenance_banner");

        var response = await page.APIRequest.PostAsync("/toggles/t/storefront.maintenance_banner/switch", new() { Form = Form(page, ("__RequestVerificationToken", token), ("enabled", "on"), ("version", "0")) });

        Assert.That(response.Status, Is.EqualTo(400));
        Assert.That(await response.TextAsync(), Does.Contain("Give a reason"));
        Assert.That(await App.Store.ListAsync(string.Empty), Is.Empty);
    }

    [Test]
    public async Task ReadOnlyUser_SeesEverything_AndCannotChangeAnything()
    {
        await App.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, true, Seed);
        var page = await Browser.OpenAsync(App, "vic", Viewer);
        await page.GotoAsync("/toggles/t/storefront.maintenance_banner");
        Assert.That(await page.Locator("form[method=post]").CountAsync(), Is.Zero);
        Assert.That(await page.Locator(".env").InnerTextAsync(), Does.Contain("read-only"));
        await page.GotoAsync("/toggles/");
        Assert.That(await page.Locator("tbody tr").CountAsync(), Is.EqualTo(10));

        var post = await page.APIRequest.PostAsync("/toggles/t/storefront.maintenance_banner/switch", new() { Form = Form(page, ("enabled", "off"), ("version", "1"), ("reason", "x")) });

        Assert.That(post.Status, Is.EqualTo(403));
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.MaintenanceBanner), Is.True);
    }

    [Test]
    public async Task HtmlInReasonsAndSubjects_RendersAsText()
    {
        const string Hostile = "<img src=x id=pwned><script>document.title='pwned'</script>";
        await App.Admin.SetAsync(StorefrontToggles.NewGrading, new FlagRules { Groups = ["<b id=bold>g</b>"] }, Seed, Hostile);
        await App.Admin.SetCourseOverrideAsync(StorefrontToggles.NewGrading, "course-v1:<i id=italic>x</i>+1+2", true, Seed, Hostile);
        var page = await Browser.OpenAsync(App, "ada", Admin);

        await page.GotoAsync("/toggles/t/storefront.new_grading");
        await page.GotoAsync("/toggles/");

        await page.GotoAsync("/toggles/t/storefront.new_grading");
        Assert.That(await page.Locator("#pwned, #bold, #italic, main script").CountAsync(), Is.Zero);
        Assert.That(await page.TitleAsync(), Does.Not.Contain("pwned"));
        Assert.That(await page.Locator("main").InnerTextAsync(), Does.Contain(Hostile).And.Contain("<i id=italic>x</i>"));
    }

    [TestCase("switch", "enabled=on")]
    [TestCase("flag", "everyone=on")]
    [TestCase("override", "level=site&subject=shop.example.com&value=on")]
    public async Task ChangesToUndeclaredNames_AreRefusedWith404_AsInTheHttpApi(string action, string fields)
    {
        var page = await Browser.OpenAsync(App, "ada", Admin);
        var token = await TokenAsync(page, "/toggles/t/storefront.maintenance_banner");
        var form = fields.Split('&').Select(f => f.Split('=')).Select(f => (f[0], f[1])).Append(("__RequestVerificationToken", token)).Append(("version", "0")).Append(("reason", "seed"));

        var response = await page.APIRequest.PostAsync($"/toggles/t/storefront.brand_new/{action}", new() { Form = Form(page, [.. form]) });

        Assert.That(response.Status, Is.EqualTo(404));
        Assert.That(await App.Store.ListAsync(string.Empty), Is.Empty);
    }

    [Test]
    public async Task BulkPasteIncludingAnExistingOverride_ChangesNothing_AndNamesIt()
    {
        await App.Admin.SetSiteOverrideAsync(StorefrontToggles.MaintenanceBanner, "shop.example.com", true, Seed);
        var page = await Browser.OpenAsync(App, "ada", Admin);
        await page.GotoAsync("/toggles/t/storefront.maintenance_banner");
        var bulk = page.Locator("fieldset", new() { HasText = "Add overrides in bulk" });
        await bulk.GetByLabel("Subjects, one per line").FillAsync("other.example.com\nSHOP.example.com.");
        await bulk.GetByLabel("Force").SelectOptionAsync("off");
        await bulk.GetByLabel("Reason").FillAsync("bulk");
        await bulk.GetByRole(AriaRole.Button, new() { Name = "Add all (all or nothing)" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("already have an override (shop.example.com)");
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.MaintenanceBanner, new ToggleContext { Site = "shop.example.com" }), Is.True);
        Assert.That(await App.Store.ListAsync("storefront.maintenance_banner/"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AnOverridesRow_FlipsItWithItsOwnVersion()
    {
        await App.Admin.SetSiteOverrideAsync(StorefrontToggles.MaintenanceBanner, "shop.example.com", true, Seed);
        var page = await Browser.OpenAsync(App, "ada", Admin);
        await page.GotoAsync("/toggles/t/storefront.maintenance_banner");
        var row = page.Locator("tr", new() { HasText = "shop.example.com" });
        await row.GetByLabel("Reason").FillAsync("pilot over");
        await row.GetByRole(AriaRole.Button, new() { Name = "Force the site override for shop.example.com off" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("forced off for site 'shop.example.com'");
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.MaintenanceBanner, new ToggleContext { Site = "shop.example.com" }), Is.False);
    }

    [Test]
    public async Task ApplyingAnImportAfterSomeoneChangedTheStore_AppliesNothing_AndShowsTheNewDryRun()
    {
        var page = await Browser.OpenAsync(App, "ada", Admin);
        await page.GotoAsync("/toggles/transfer");
        var document = "{\"format\":1,\"keys\":[{\"key\":\"storefront.personal_recommendations\",\"value\":\"{\\\"v\\\":1,\\\"kind\\\":\\\"flag\\\",\\\"everyone\\\":true}\"}]}";
        await page.GetByLabel("or paste its JSON").FillAsync(document);
        await page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("1 change(s) would be applied");
        await App.Admin.SetAsync(StorefrontToggles.PersonalRecommendations, new FlagRules { Everyone = false }, Seed, "incident: kill switch");

        var apply = page.Locator("fieldset", new() { HasText = "Apply this import" });
        await apply.GetByLabel("Reason").FillAsync("restore");
        var response = await page.RunAndWaitForResponseAsync(
            () => apply.GetByRole(AriaRole.Button, new() { Name = "Apply (all or nothing)" }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.That(response.Status, Is.EqualTo(409));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("changed since your dry run");
        Assert.That((await App.Admin.GetHistoryAsync(StorefrontToggles.PersonalRecommendations.FullName))[^1].Reason, Is.EqualTo("incident: kill switch"));
    }

    [Test]
    public async Task ANoticeWrittenIntoALink_IsNotShown()
    {
        var page = await Browser.OpenAsync(App, "ada", Admin);

        await page.GotoAsync("/toggles/t/storefront.maintenance_banner?done=Your%20session%20expired%2C%20visit%20evil.example");

        Assert.That(await page.GetByRole(AriaRole.Status).CountAsync(), Is.Zero);
        Assert.That(await page.Locator("main").InnerTextAsync(), Does.Not.Contain("evil.example"));
    }

    [Test]
    public async Task TheDashboardAddressWithoutASlash_RedirectsSoRowLinksWork()
    {
        var page = await Browser.OpenAsync(App, "ada", Admin);

        await page.GotoAsync("/toggles");
        await page.GetByRole(AriaRole.Link, new() { Name = "storefront.maintenance_banner" }).ClickAsync();

        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/toggles/t/storefront.maintenance_banner"));
        Assert.That(await page.Locator("h1").InnerTextAsync(), Does.Contain("storefront.maintenance_banner"));
    }

    [Test]
    public async Task RulesThatMatchNobody_AreRefused_AsInTheHttpApi()
    {
        await App.Admin.SetAsync(StorefrontToggles.PersonalRecommendations, new FlagRules { Percent = 10 }, Seed);
        var before = (await App.Admin.GetHistoryAsync(StorefrontToggles.PersonalRecommendations.FullName)).Count;
        var page = await Browser.OpenAsync(App, "ada", Admin);
        await page.GotoAsync("/toggles/t/storefront.personal_recommendations");
        var form = page.Locator("form[action$='/flag']");
        await form.GetByLabel("Percent of users").FillAsync("0");
        await form.GetByLabel("Reason").FillAsync("oops");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("match nobody");
        Assert.That((await App.Admin.GetHistoryAsync(StorefrontToggles.PersonalRecommendations.FullName)).Count, Is.EqualTo(before), "nothing written");
    }

    private static async Task<string> TokenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        return (await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value"))!;
    }

    private static IFormData Form(IPage page, params (string Name, string Value)[] fields)
    {
        var form = page.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return form;
    }
}
