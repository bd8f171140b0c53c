using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FeatureFlags.Cli;
using FeatureFlags.Dashboard.Tests.Support;
using FeatureFlags.Samples.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FeatureFlags.Dashboard.Tests;

/// <summary>
/// The one write pipeline, seen from every surface: each bad write below goes through <see cref="IToggleAdmin"/>, the
/// admin HTTP API, the dashboard in a real browser, the command line, an import and (where the rule is about a toggle's
/// own state) a revert to a version written around the pipeline. Every surface refuses it with the same error code and
/// writes nothing.
/// </summary>
public sealed class WriteRuleSurfaceTests(string store) : DashboardFixture(store)
{
    private static readonly ToggleActor Ada = new("ada", "checkout-team");
    private const string ZeroWidth = "acme\u200b";

    public static IEnumerable<TestCaseData> Rules()
    {
        yield return new TestCaseData(new BadWrite(
            "rules-match-nobody", ToggleErrorCode.InvalidRequest, "match nobody",
            Admin: a => a.SetFlagAsync("storefront.new_reports", new FlagRules(), Ada, "r").AsTask(),
            Http: (HttpMethod.Put, "/admin/toggles/storefront.new_reports/flag", new { rules = new { }, reason = "r" }),
            Page: "/toggles/t/storefront.new_reports",
            Fill: async page =>
            {
                await page.Locator("#f-everyone").SelectOptionAsync("unset");
                await page.Locator("#f-percent").FillAsync("0");
                await page.Locator("#flag-reason").FillAsync("r");
                return page.GetByRole(AriaRole.Button, new() { Name = "Save rules" });
            },
            Cli: ["flag", "storefront.new_reports", "--everyone", "unset"],
            ImportKey: "storefront.new_reports", ImportValue: """{"v":1,"kind":"flag","everyone":null}"""))
            .SetName("RulesThatMatchNobody");

        yield return new TestCaseData(new BadWrite(
            "schedule-over", ToggleErrorCode.InvalidRequest, "The schedule ended at 2020-01-01T00:00:00Z",
            Admin: a => a.SetSwitchAsync("storefront.maintenance_banner", false, Ada, "r", schedule: new ToggleSchedule(activeUntil: new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero))).AsTask(),
            Http: (HttpMethod.Put, "/admin/toggles/storefront.maintenance_banner/switch", new { enabled = false, activeUntil = "2020-01-01T00:00:00Z", reason = "r" }),
            Page: "/toggles/t/storefront.maintenance_banner",
            Fill: async page =>
            {
                await page.Locator("#switch-off-until").FillAsync("2020-01-01T00:00:00Z");
                await page.Locator("#switch-off-reason").FillAsync("r");
                return page.GetByRole(AriaRole.Button, new() { Name = "Turn off for everyone" });
            },
            Cli: ["switch", "storefront.maintenance_banner", "off", "--until", "2020-01-01T00:00:00Z"],
            ImportKey: "storefront.maintenance_banner", ImportValue: """{"v":1,"kind":"switch","on":false,"activeUntil":"2020-01-01T00:00:00Z"}"""))
            .SetName("ScheduleAlreadyOver");

        yield return new TestCaseData(new BadWrite(
            "invisible-subject", ToggleErrorCode.InvalidRequest, "invisible character U+200B",
            Admin: a => a.SetOverrideAsync("storefront.pilot_dashboard", OverrideLevel.Organization, ZeroWidth, true, Ada, "r").AsTask(),
            Http: (HttpMethod.Put, "/admin/toggles/storefront.pilot_dashboard/overrides", new { level = "organization", subject = ZeroWidth, enabled = true, reason = "r" }),
            Page: "/toggles/t/storefront.pilot_dashboard",
            Fill: AddOverride("org", ZeroWidth),
            Cli: ["override", "org", "storefront.pilot_dashboard", ZeroWidth, "on"],
            ImportKey: "storefront.pilot_dashboard/org/" + ZeroWidth, ImportValue: """{"v":1,"on":true}""", Revertable: false))
            .SetName("SubjectWithAnInvisibleCharacter");

        yield return new TestCaseData(new BadWrite(
            "group-site-override", ToggleErrorCode.InvalidRequest, "a release group answers on or off for all its members",
            Admin: a => a.SetOverrideAsync("storefront.winter_release", OverrideLevel.Site, "shop.example", true, Ada, "r").AsTask(),
            Http: (HttpMethod.Put, "/admin/toggles/storefront.winter_release/overrides", new { level = "site", subject = "shop.example", enabled = true, reason = "r" }),
            Page: "/toggles/t/storefront.winter_release",
            Fill: AddOverride("site", "shop.example"),
            Cli: ["override", "site", "storefront.winter_release", "shop.example", "on"],
            ImportKey: "storefront.winter_release/site/shop.example", ImportValue: """{"v":1,"on":true}""", Revertable: false))
            .SetName("SiteOverrideOfAReleaseGroup");

        yield return new TestCaseData(new BadWrite(
            "prerequisite-cycle", ToggleErrorCode.Refused, "cycle: storefront.gift_cards → storefront.gift_card_balance → storefront.gift_cards",
            Admin: a => a.SetPrerequisitesAsync("storefront.gift_cards", [new("storefront.gift_card_balance")], Ada, "r").AsTask(),
            Http: (HttpMethod.Put, "/admin/toggles/storefront.gift_cards/prerequisites", new { prerequisites = new[] { new { toggle = "storefront.gift_card_balance", enabled = true } }, reason = "r" }),
            Page: "/toggles/t/storefront.gift_cards",
            Fill: async page =>
            {
                var form = page.Locator("form[action$='/prerequisites']");
                await form.GetByLabel("Prerequisites, one per line").FillAsync("storefront.gift_card_balance on");
                await form.GetByLabel("Reason").FillAsync("r");
                return form.GetByRole(AriaRole.Button, new() { Name = "Save prerequisites" });
            },
            Cli: ["require", "storefront.gift_cards", "--on", "storefront.gift_card_balance"],
            ImportKey: "storefront.gift_cards", ImportValue: """{"v":1,"kind":"switch","on":false,"requires":[{"toggle":"storefront.gift_card_balance","on":true}]}""",
            Seed: async a => await a.SetPrerequisitesAsync("storefront.gift_card_balance", [new("storefront.gift_cards")], Ada, "seed")))
            .SetName("PrerequisiteCycle");
    }

    [TestCaseSource(nameof(Rules))]
    public async Task BadWrite_IsRefusedWithOneCode_OnEverySurface_AndWritesNothing(BadWrite bad)
    {
        if (bad.Seed is not null)
        {
            await bad.Seed(App.Admin);
        }

        var codes = new Dictionary<string, ToggleErrorCode?>();
        var before = await SnapshotAsync();

        // IToggleAdmin
        var thrown = Assert.CatchAsync(async () => await bad.Admin(App.Admin));
        codes["admin"] = ToggleErrors.Classify(thrown!);
        Assert.That(ToggleErrors.Message(thrown!), Does.Contain(bad.Says), "admin");
        Assert.That(await SnapshotAsync(), Is.EqualTo(before), "admin wrote nothing");

        // The admin HTTP API
        using var client = App.HttpClientFor("ada", Admin, "checkout-team");
        using var request = new HttpRequestMessage(bad.Http.Method, bad.Http.Path) { Content = JsonContent.Create(bad.Http.Body) };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        using var response = await client.SendAsync(request);
        var problem = await response.Content.ReadAsStringAsync();
        codes["http"] = CodeOfStatus(response.StatusCode);
        var body = JsonDocument.Parse(problem).RootElement;
        Assert.That(body.GetProperty("code").GetString(), Is.EqualTo(bad.Code.ToString()), problem);
        Assert.That(body.GetProperty("detail").GetString(), Does.Contain(bad.Says), "http");
        Assert.That(await SnapshotAsync(), Is.EqualTo(before), "http wrote nothing");

        // The dashboard, in a real browser: the form as an operator fills it in.
        var page = await Browser.OpenAsync(App, "ada", Admin, "checkout-team");
        await page.GotoAsync(bad.Page);
        var submit = await bad.Fill(page);
        var posted = await page.RunAndWaitForResponseAsync(() => submit.ClickAsync(), r => r.Request.Method == "POST");
        codes["dashboard"] = CodeOfStatus((HttpStatusCode)posted.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(bad.Says);
        await Browser.ScreenshotAsync(page, Shot("refused-" + bad.Rule));
        await page.Context.CloseAsync();
        Assert.That(await SnapshotAsync(), Is.EqualTo(before), "dashboard wrote nothing");

        // The command line, on the same store.
        var (exit, error) = await RunCliAsync([.. bad.Cli, "--actor", "ada", "--reason", "r"]);
        codes["cli"] = exit == ExitCodes.For(bad.Code) ? bad.Code : null;
        Assert.That(error, Does.Contain(bad.Says), "cli");
        Assert.That(await SnapshotAsync(), Is.EqualTo(before), "cli wrote nothing");

        // An import of the same state.
        var document = JsonSerializer.Serialize(new { format = 1, keys = new[] { new { key = bad.ImportKey, value = bad.ImportValue } } });
        var imported = await App.Services.GetRequiredService<IToggleStateTransfer>().ImportAsync(document, new ToggleImportOptions { Actor = Ada, Reason = "r", DryRun = false });
        codes["import"] = imported.Applied ? null : ToggleErrors.Worst(imported.Problems);
        Assert.That(imported.Problems.Select(p => p.Message), Has.Some.Contain(bad.Says), "import");
        Assert.That(await SnapshotAsync(), Is.EqualTo(before), "import wrote nothing");

        // A revert to a version that holds the same state (written around the pipeline, as an older release could have).
        if (bad.Revertable)
        {
            var current = await App.Store.GetAsync(bad.ImportKey);
            var raw = await App.Store.SetAsync(bad.ImportKey, bad.ImportValue, current?.Version ?? 0, new FeatureFlags.Storage.ToggleAuditInfo("older release"));
            var mended = current?.Value ?? (bad.ImportValue.Contains("\"flag\"", StringComparison.Ordinal) ? """{"v":1,"kind":"flag","everyone":false}""" : """{"v":1,"kind":"switch","on":false}""");
            await App.Store.SetAsync(bad.ImportKey, mended, raw.Version, new FeatureFlags.Storage.ToggleAuditInfo("mended"));
            var afterRaw = await SnapshotAsync();
            var revert = Assert.CatchAsync(async () => await App.Admin.RevertAsync(bad.ImportKey, raw.Version, Ada, "r"));
            codes["revert"] = ToggleErrors.Classify(revert!);
            Assert.That(revert!.Message, Does.Contain(bad.Says), "revert");
            Assert.That(await SnapshotAsync(), Is.EqualTo(afterRaw), "revert wrote nothing");
        }

        Assert.That(codes, Has.All.Property("Value").EqualTo(bad.Code), string.Join(", ", codes.Select(c => $"{c.Key}: {c.Value}")));
    }

    private static Func<IPage, Task<ILocator>> AddOverride(string level, string subject) => async page =>
    {
        await page.Locator("#o-level").SelectOptionAsync(level);
        await page.Locator("#o-subject").FillAsync(subject);
        await page.Locator("#override-reason").FillAsync("r");
        return page.GetByRole(AriaRole.Button, new() { Name = "Add override" });
    };

    private static ToggleErrorCode? CodeOfStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => ToggleErrorCode.InvalidRequest,
        HttpStatusCode.Forbidden => ToggleErrorCode.AccessDenied,
        HttpStatusCode.Conflict => ToggleErrorCode.Refused,
        _ => null,
    };

    /// <summary>Every stored key with its version: equal snapshots mean nothing was written.</summary>
    private async Task<string> SnapshotAsync()
        => string.Join("\n", (await App.Store.ListAsync(string.Empty)).Select(r => $"{r.Key}@{r.Version}"));

    private async Task<(int Exit, string Error)> RunCliAsync(string[] args)
    {
        string[] storeArgs = App.PostgresConnectionString is { } postgres ? ["--postgres", postgres] : ["--sqlite", App.DatabasePath];
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await TogglesCommand.RunAsync([.. args, .. storeArgs, "--assembly", typeof(StorefrontToggles).Assembly.Location], output, error, new Dictionary<string, string?>());
        return (exit, error.ToString());
    }

    /// <summary>One bad write and how each surface sends it.</summary>
    public sealed record BadWrite(
        string Rule,
        ToggleErrorCode Code,
        string Says,
        Func<IToggleAdmin, Task> Admin,
        (HttpMethod Method, string Path, object Body) Http,
        string Page,
        Func<IPage, Task<ILocator>> Fill,
        string[] Cli,
        string ImportKey,
        string ImportValue,
        bool Revertable = true,
        Func<IToggleAdmin, Task>? Seed = null)
    {
        public override string ToString() => Rule;
    }
}
