using FeatureFlags.Dashboard.Tests.Support;
using FeatureFlags.Samples.Web;
using Microsoft.Playwright;

namespace FeatureFlags.Dashboard.Tests;

/// <summary>
/// Schedules in a real browser, on SQLite and on PostgreSQL: the override form's "active from"/"active until" fields,
/// the toggle page's schedules with their status, and the list's marks. Instants are far in the past or the future, so
/// pending and expired do not depend on when the tests run.
/// </summary>
public sealed class DashboardScheduleTests(string store) : DashboardFixture(store)
{
    private const string Pilot = "storefront.pilot_dashboard";

    [Test]
    public async Task OverrideScheduledInTheFuture_ThroughTheForm_IsListedPending()
    {
        var page = await Browser.OpenAsync(App, "ada", Admin);
        await page.GotoAsync($"/toggles/t/{Pilot}");

        await AddOrgOverrideAsync(page, "acme", from: "2099-01-01T10:00:00+02:00", until: null);

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("scheduled from 2099-01-01T08:00:00Z");
        var schedules = page.Locator("#schedules ~ table").First;
        Assert.That(await schedules.InnerTextAsync(), Does.Contain("override for 'acme': on").And.Contain("2099-01-01T08:00:00Z").And.Contain("(never)").And.Contain("pending"));
        Assert.That(await page.Locator("#schedules ~ table tr.expired").CountAsync(), Is.Zero);
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.PilotDashboard, "acme"), Is.False, "not before its start");
        var stored = await App.Store.ListAsync(Pilot + "/");
        Assert.That(stored.Single().Value, Does.Contain("\"activeFrom\":\"2099-01-01T08:00:00Z\""), "stored in UTC");
        await Browser.ScreenshotAsync(page, Shot("schedule-pending"));

        await page.GotoAsync("/toggles/");
        Assert.That(await Row(page, Pilot).InnerTextAsync(), Does.Contain("pending schedule"));
    }

    [Test]
    public async Task OverrideThatHasExpired_IsHighlightedOnTheToggleAndFlaggedInTheList()
    {
        var page = await Browser.OpenAsync(App, "ada", Admin);
        await page.GotoAsync($"/toggles/t/{Pilot}");

        // A window already over is refused as typed (it would never answer)...
        await AddOrgOverrideAsync(page, "globex", from: "2020-01-01T00:00:00Z", until: "2020-02-01T00:00Z");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The schedule ended at 2020-02-01T00:00:00Z, before now");

        // ...so the expired override is one written while its window was open, which has ended since.
        await App.Store.SetAsync($"{Pilot}/org/globex", """{"v":1,"on":true,"activeFrom":"2020-01-01T00:00:00Z","activeUntil":"2020-02-01T00:00:00Z"}""", 0, new FeatureFlags.Storage.ToggleAuditInfo("january"));
        await page.GotoAsync($"/toggles/t/{Pilot}");
        var expired = page.Locator("#schedules ~ table tr.expired");
        Assert.That(await expired.CountAsync(), Is.EqualTo(1));
        Assert.That(await expired.InnerTextAsync(), Does.Contain("globex").And.Contain("expired"));
        Assert.That(await page.Locator("h2:has-text('Overrides (') ~ table").First.Locator("tr", new() { HasText = "globex" }).InnerTextAsync(), Does.Contain("expired"), "the overrides table says so too");
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.PilotDashboard, "globex"), Is.False, "an expired override no longer applies");
        await Browser.ScreenshotAsync(page, Shot("schedule-expired"));

        await page.GotoAsync("/toggles/");
        Assert.That(await Row(page, Pilot).InnerTextAsync(), Does.Contain("expired schedule"));
        Assert.That(await Row(page, Pilot).Locator("b.sched-expired").CountAsync(), Is.EqualTo(1), "highlighted");
    }

    [Test]
    public async Task LocalTimeWithoutOffset_IsRefusedByTheServer_AndNothingIsWritten()
    {
        var page = await Browser.OpenAsync(App, "ada", Admin);
        await page.GotoAsync($"/toggles/t/{Pilot}");

        // The field's pattern stops this in the browser; remove it to see that the server refuses it too.
        await page.EvaluateAsync("() => document.querySelectorAll('input[name=activeFrom]').forEach(i => i.removeAttribute('pattern'))");
        await AddOrgOverrideAsync(page, "initech", from: "2099-01-01T09:00", until: null);

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was changed: Active from '2099-01-01T09:00' has no offset");
        Assert.That(await App.Store.ListAsync(Pilot + "/"), Is.Empty);
    }

    [Test]
    public async Task FlagForm_ShowsTheStoredSchedule_SoSavingTheRulesKeepsIt()
    {
        var until = new DateTimeOffset(2099, 6, 1, 0, 0, 0, TimeSpan.Zero);
        await App.Admin.SetAsync(StorefrontToggles.NewCheckout, new FlagRules { Percent = 5 }, new ToggleActor("seed", "checkout-team"), "trial", new ToggleSchedule(activeUntil: until));
        var page = await Browser.OpenAsync(App, "ada", Admin, "checkout-team");
        await page.GotoAsync("/toggles/t/storefront.new_checkout");

        var form = page.Locator("form[action$='/flag']");
        Assert.That(await form.GetByLabel("Active until").InputValueAsync(), Is.EqualTo("2099-06-01T00:00:00Z"));
        await form.GetByLabel("Percent of users").FillAsync("10");
        await form.GetByLabel("Reason").FillAsync("widen the trial");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("scheduled until 2099-06-01T00:00:00Z");
        var stored = await App.Store.GetAsync("storefront.new_checkout");
        Assert.That(stored!.Value, Does.Contain("\"percent\":10").And.Contain("\"activeUntil\":\"2099-06-01T00:00:00Z\""));
    }

    private static async Task AddOrgOverrideAsync(IPage page, string subject, string from, string? until)
    {
        var form = page.Locator("fieldset", new() { HasText = "Add an override" });
        await form.GetByLabel("Level").SelectOptionAsync("organization");
        await form.GetByLabel("Subject").FillAsync(subject);
        await form.GetByLabel("Force").SelectOptionAsync("on");
        await form.GetByLabel("Active from").FillAsync(from);
        if (until is not null)
        {
            await form.GetByLabel("Active until").FillAsync(until);
        }

        await form.GetByLabel("Reason").FillAsync("pilot window");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add override" }).ClickAsync();
    }

    /// <summary>The list's row of one toggle: the row whose first cell links to it.</summary>
    private static ILocator Row(IPage page, string name)
        => page.Locator("tbody tr").Filter(new() { Has = page.Locator($"td:first-child a[href='t/{name}']") });
}
