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
        Assert.That((await App.Admin.GetHistoryAsync(StorefrontToggles.PersonalRecommendations.FullName)).Select(h => h.Actor), Is.EqualTo(new[] { "seed", "ada" }));
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
        Assert.That(await page.Locator("tbody tr").CountAsync(), Is.EqualTo(7));

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
