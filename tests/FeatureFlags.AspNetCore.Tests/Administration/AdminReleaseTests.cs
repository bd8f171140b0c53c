using System.Net;
using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Samples.Web;

namespace FeatureFlags.AspNetCore.Tests.Administration;

/// <summary>
/// Release groups, prerequisites and revert over the admin API: strict bodies, If-Match, problems for refusals. The
/// sample stores one prerequisite at start-up: storefront.gift_card_balance requires storefront.gift_cards on.
/// </summary>
public sealed class AdminReleaseTests : SampleAppTest
{
    private const string Admin = "toggle-admin";
    private const string Group = "/admin/toggles/storefront.winter_release";

    protected override SampleApp CreateApp() => new() { SeedDemoState = true };

    [Test]
    public async Task Group_OnThenUnset_AnswersForItsMembers_AndTheAuditNamesTheUser()
    {
        await App.Admin.SetAsync(StorefrontToggles.GiftCards, false, SampleApp.Operator);
        var read = await Client.SendAsync(Http.Get(Group, "ada", Admin));
        var body = await read.JsonAsync();

        var on = await Client.SendAsync(Http.Write(HttpMethod.Put, Group + "/group", new { enabled = true, reason = "ship winter" }, read.Headers.ETag!.Tag, "ada", Admin));
        var member = App.Toggles.Explain(StorefrontToggles.GiftCards);
        var unset = await Client.SendAsync(Http.Write(HttpMethod.Put, Group + "/group", new { enabled = (bool?)null }, on.Headers.ETag!.Tag, "ada", Admin));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(body.GetProperty("kind").GetString(), Is.EqualTo("Group"));
            Assert.That(body.GetProperty("members").EnumerateArray().Select(m => m.GetString()), Is.EqualTo(new[] { "storefront.gift_card_balance", "storefront.gift_cards" }));
            Assert.That(on.StatusCode, Is.EqualTo(HttpStatusCode.OK), await on.Content.ReadAsStringAsync());
            Assert.That((member.IsEnabled, member.Reason), Is.EqualTo((true, ToggleReason.ReleaseGroup)), "the group beats the member's own off");
            Assert.That(unset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(unset.Headers.ETag!.Tag, Is.EqualTo("\"0\""));
            Assert.That(App.Toggles.Explain(StorefrontToggles.GiftCards).Reason, Is.EqualTo(ToggleReason.Switch), "unset: the member's own rules again");
            var audit = await App.Admin.GetHistoryAsync(StorefrontToggles.WinterRelease.FullName);
            Assert.That(audit.Select(e => (e.Actor, e.Action, e.Reason)), Is.EqualTo(new[] { ("ada", ToggleAuditAction.Created, (string?)"ship winter"), ("ada", ToggleAuditAction.Deleted, null) }));
        });
    }

    [TestCase("{\"reason\":\"no state given\"}", HttpStatusCode.BadRequest, "enabled")]
    [TestCase("{\"enabled\":true,\"colour\":\"red\"}", HttpStatusCode.BadRequest, "unknown property 'colour'")]
    [TestCase("{\"enabled\":\"yes\"}", HttpStatusCode.BadRequest, "enabled")]
    public async Task Group_BodyIsReadStrictly(string body, HttpStatusCode status, string mentions)
    {
        var response = await SendRawAsync(HttpMethod.Put, Group + "/group", body, "\"0\"");

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(mentions));
        Assert.That(await App.Admin.GetHistoryAsync(StorefrontToggles.WinterRelease.FullName), Is.Empty);
    }

    [Test]
    public async Task Group_WithoutIfMatch_Is428_AStaleOneIs412_AndANonGroupIs400()
    {
        var missing = await Client.SendAsync(Http.Request(HttpMethod.Put, Group + "/group", new { enabled = true }, "ada", Admin));
        await App.Admin.SetAsync(StorefrontToggles.WinterRelease, true, SampleApp.Operator);
        var stale = await Client.SendAsync(Http.Write(HttpMethod.Put, Group + "/group", new { enabled = false }, "\"0\"", "ada", Admin));
        var notAGroup = await Client.SendAsync(Http.Write(HttpMethod.Put, "/admin/toggles/storefront.maintenance_banner/group", new { enabled = true }, "\"0\"", "ada", Admin));

        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionRequired));
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
        Assert.That(notAGroup.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await notAGroup.Content.ReadAsStringAsync(), Does.Contain("not a release group"));
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.WinterRelease), Is.True);
    }

    [Test]
    public async Task Prerequisites_Put_ReplacesThem_AndGetShowsPrerequisitesAndDependants()
    {
        var banner = await App.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, true, SampleApp.Operator);

        var set = await Client.SendAsync(Http.Write(
            HttpMethod.Put,
            "/admin/toggles/storefront.maintenance_banner/prerequisites",
            new { prerequisites = new[] { new { toggle = "storefront.gift_cards", enabled = true } }, reason = "only with gift cards" },
            $"\"{banner.Version}\"",
            "ada",
            Admin));
        var answer = App.Toggles.Explain(StorefrontToggles.MaintenanceBanner);
        var giftCards = await (await Client.SendAsync(Http.Get("/admin/toggles/storefront.gift_cards", "ada", Admin))).JsonAsync();
        var balance = await (await Client.SendAsync(Http.Get("/admin/toggles/storefront.gift_card_balance", "ada", Admin))).JsonAsync();
        var list = await (await Client.SendAsync(Http.Get("/admin/toggles", "ada", Admin))).JsonAsync();
        var cleared = await Client.SendAsync(Http.Write(
            HttpMethod.Put, "/admin/toggles/storefront.maintenance_banner/prerequisites", new { prerequisites = Array.Empty<object>() }, set.Headers.ETag!.Tag, "ada", Admin));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK), await set.Content.ReadAsStringAsync());
            Assert.That((answer.IsEnabled, answer.Reason), Is.EqualTo((false, ToggleReason.PrerequisiteFailed)), "gift cards are off");
            Assert.That(giftCards.GetProperty("dependants").EnumerateArray().Select(d => d.GetString()), Is.EqualTo(new[] { "storefront.gift_card_balance", "storefront.maintenance_banner" }));
            Assert.That(giftCards.GetProperty("group").GetString(), Is.EqualTo("storefront.winter_release"));
            var required = balance.GetProperty("prerequisites").EnumerateArray().Single();
            Assert.That((required.GetProperty("toggle").GetString(), required.GetProperty("enabled").GetBoolean()), Is.EqualTo(("storefront.gift_cards", true)), "stored by the sample at start-up");
            var listed = list.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "storefront.gift_card_balance");
            Assert.That(listed.GetProperty("group").GetString(), Is.EqualTo("storefront.winter_release"));
            Assert.That(cleared.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(App.Toggles.Explain(StorefrontToggles.MaintenanceBanner).Reason, Is.EqualTo(ToggleReason.Switch), "cleared: the switch's own value again");
        });
    }

    [Test]
    public async Task Prerequisites_ACycle_Is409NamingTheCycle_AndNothingIsWritten()
    {
        var response = await Client.SendAsync(Http.Write(
            HttpMethod.Put, "/admin/toggles/storefront.gift_cards/prerequisites", new { prerequisites = new[] { new { toggle = "storefront.gift_card_balance" } } }, "\"0\"", "ada", Admin, "checkout-team"));
        var problem = await response.JsonAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("Refused"));
        Assert.That(problem.GetProperty("detail").GetString(), Is.EqualTo("Prerequisites would form a cycle: storefront.gift_cards → storefront.gift_card_balance → storefront.gift_cards."));
        Assert.That(await App.Admin.GetHistoryAsync(StorefrontToggles.GiftCards.FullName), Is.Empty);
    }

    [TestCase("{\"prerequisites\":[{\"toggle\":\"storefront.gift_crds\"}]}", "Did you mean 'storefront.gift_cards'?")]
    [TestCase("{\"prerequisites\":[{\"toggle\":\"storefront.gift_cards\",\"on\":true}]}", "unknown property 'on'")]
    [TestCase("{\"prerequisites\":[{\"enabled\":true}]}", "Prerequisite 0 has no 'toggle'")]
    [TestCase("{\"reason\":\"none given\"}", "'prerequisites'")]
    [TestCase("{\"prerequisites\":[{\"toggle\":\"storefront.search_v2\"}],\"prerequisites\":[]}", "prerequisites")]
    public async Task Prerequisites_BadBody_Is400NamingTheProblem(string body, string mentions)
    {
        var response = await SendRawAsync(HttpMethod.Put, "/admin/toggles/storefront.maintenance_banner/prerequisites", body, "\"0\"");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(mentions));
    }

    [Test]
    public async Task Delete_OfAToggleOthersRequire_Is409NamingThem()
    {
        var stored = await App.Admin.SetAsync(StorefrontToggles.GiftCards, true, SampleApp.Operator);

        var response = await Client.SendAsync(Http.Write(HttpMethod.Delete, "/admin/toggles/storefront.gift_cards", null, $"\"{stored.Version}\"", "ada", Admin));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("is required by 'storefront.gift_card_balance'"));
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.GiftCards), Is.True);
    }

    [Test]
    public async Task Revert_RestoresAnAuditedVersion_AsANewChange_With404ForAnUnknownVersionAnd412WhenStale()
    {
        const string Url = "/admin/toggles/storefront.maintenance_banner/revert";
        var first = await App.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, true, SampleApp.Operator);
        var second = await App.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, false, SampleApp.Operator);

        var stale = await Client.SendAsync(Http.Write(HttpMethod.Post, Url, new { toVersion = first.Version }, $"\"{first.Version}\"", "ada", Admin));
        var unknown = await Client.SendAsync(Http.Write(HttpMethod.Post, Url, new { toVersion = 999 }, $"\"{second.Version}\"", "ada", Admin));
        var missing = await Client.SendAsync(Http.Write(HttpMethod.Post, Url, new { reason = "which one?" }, $"\"{second.Version}\"", "ada", Admin));
        var reverted = await Client.SendAsync(Http.Write(HttpMethod.Post, Url, new { toVersion = first.Version }, $"\"{second.Version}\"", "ada", Admin));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await unknown.Content.ReadAsStringAsync(), Does.Contain("no audited version 999"));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await missing.Content.ReadAsStringAsync(), Does.Contain("toVersion"));
            Assert.That(reverted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await reverted.Content.ReadAsStringAsync());
            Assert.That(App.Toggles.IsEnabled(StorefrontToggles.MaintenanceBanner), Is.True);
            var last = (await App.Admin.GetHistoryAsync(StorefrontToggles.MaintenanceBanner.FullName)).MaxBy(e => e.Version)!;
            Assert.That((last.Actor, last.Reason), Is.EqualTo(("ada", $"Revert to version {first.Version}")));
            Assert.That(reverted.Headers.ETag!.Tag, Is.EqualTo($"\"{last.Version}\""));
        });
    }

    private Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string url, string body, string ifMatch)
    {
        var request = Http.Write(method, url, null, ifMatch, "ada", Admin);
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        return Client.SendAsync(request);
    }
}
