using System.Net;
using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Samples.Web;

namespace FeatureFlags.AspNetCore.Tests.Administration;

/// <summary>
/// <c>activeFrom</c>/<c>activeUntil</c> in the switch, flag, override and group bodies, and the schedules a GET returns.
/// Instants are far in the past or the future, so pending and expired do not depend on when the tests run.
/// </summary>
public sealed class AdminScheduleTests : SampleAppTest
{
    private const string Admin = "toggle-admin";
    private const string Banner = "/admin/toggles/storefront.maintenance_banner";

    [Test]
    public async Task Switch_ActiveFromWithAnOffset_IsStoredInUtc_AndGetReturnsItPending()
    {
        var set = await Client.SendAsync(Http.Write(HttpMethod.Put, Banner + "/switch", new { enabled = true, activeFrom = "2099-01-01T10:00:00+02:00", reason = "new year" }, "\"0\"", "ada", Admin));
        var read = await Client.SendAsync(Http.Get(Banner, "ada", Admin));

        var written = await set.JsonAsync();
        var body = await read.JsonAsync();
        var schedule = body.GetProperty("schedules").EnumerateArray().Single();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK), written.ToString());
            Assert.That(written.GetProperty("value").GetProperty("activeFrom").GetString(), Is.EqualTo("2099-01-01T08:00:00Z"));
            Assert.That(body.GetProperty("value").GetProperty("activeFrom").GetString(), Is.EqualTo("2099-01-01T08:00:00Z"));
            Assert.That(schedule.GetProperty("key").GetString(), Is.EqualTo("storefront.maintenance_banner"));
            Assert.That(schedule.GetProperty("activeFrom").GetString(), Is.EqualTo("2099-01-01T08:00:00Z"));
            Assert.That(schedule.GetProperty("activeUntil").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(schedule.GetProperty("status").GetString(), Is.EqualTo("pending"));
            Assert.That(App.Toggles.IsEnabled(StorefrontToggles.MaintenanceBanner), Is.False, "not before its start");
            Assert.That((await App.Admin.GetHistoryAsync("storefront.maintenance_banner")).Single().After, Does.Contain("\"activeFrom\":\"2099-01-01T08:00:00Z\""), "the audit records the schedule");
        });
    }

    [Test]
    public async Task Override_ActiveUntilInThePast_IsRefused_FlagAndGroupTakeSchedules()
    {
        var org = await Client.SendAsync(Http.Write(HttpMethod.Put, "/admin/toggles/storefront.pilot_dashboard/overrides",
            new { level = "org", subject = "Acme", enabled = true, activeFrom = "2020-01-01T00:00:00Z", activeUntil = "2020-02-01T00:00:00Z" }, "\"0\"", "ada", Admin));
        var flag = await Client.SendAsync(Http.Write(HttpMethod.Put, "/admin/toggles/storefront.new_checkout/flag",
            new { rules = new { everyone = true }, activeUntil = "2099-01-01T00:00:00Z" }, "\"0\"", "ada", Admin, "checkout-team"));
        var group = await Client.SendAsync(Http.Write(HttpMethod.Put, "/admin/toggles/storefront.winter_release/group",
            new { enabled = true, activeFrom = "2099-12-01T00:00:00-05:00" }, "\"0\"", "ada", Admin));
        var pilot = await (await Client.SendAsync(Http.Get("/admin/toggles/storefront.pilot_dashboard", "ada", Admin))).JsonAsync();
        var checkout = await (await Client.SendAsync(Http.Get("/admin/toggles/storefront.new_checkout", "ada", Admin))).JsonAsync();
        var winter = await (await Client.SendAsync(Http.Get("/admin/toggles/storefront.winter_release", "ada", Admin))).JsonAsync();

        static (string?, string?, string?) Only(System.Text.Json.JsonElement toggle)
        {
            var s = toggle.GetProperty("schedules").EnumerateArray().Single();
            return (s.GetProperty("activeFrom").GetString(), s.GetProperty("activeUntil").GetString(), s.GetProperty("status").GetString());
        }

        Assert.Multiple(() =>
        {
            Assert.That(org.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a window already over would never answer (a year typo)");
            Assert.That(new[] { flag.StatusCode, group.StatusCode }, Is.All.EqualTo(HttpStatusCode.OK));
            Assert.That(pilot.GetProperty("overrides").GetArrayLength(), Is.Zero, "nothing was stored");
            Assert.That(pilot.GetProperty("schedules").GetArrayLength(), Is.Zero);
            Assert.That(Only(checkout), Is.EqualTo(((string?)null, "2099-01-01T00:00:00Z", "active")));
            Assert.That(Only(winter), Is.EqualTo(("2099-12-01T05:00:00Z", (string?)null, "pending")));
            Assert.That(App.Toggles.IsEnabled(StorefrontToggles.PilotDashboard, "acme"), Is.False);
            Assert.That(App.Toggles.IsEnabled(StorefrontToggles.NewCheckout), Is.True, "active until 2099");
        });
    }

    [TestCase("{\"enabled\":true,\"activeFrom\":\"2099-01-01T09:00\"}", "activeFrom '2099-01-01T09:00' has no offset")]
    [TestCase("{\"enabled\":true,\"activeUntil\":\"2099-01-01\"}", "activeUntil '2099-01-01' has no offset")]
    [TestCase("{\"enabled\":true,\"activeUntil\":\"soon\"}", "activeUntil 'soon' is not an ISO 8601 instant")]
    [TestCase("{\"enabled\":true,\"activeFrom\":20990101}", "activeFrom")]
    [TestCase("{\"enabled\":true,\"activeFrom\":\"2099-02-01T00:00:00Z\",\"activeUntil\":\"2099-01-01T00:00:00Z\"}", "activeUntil (2099-01-01T00:00:00Z) must be after activeFrom (2099-02-01T00:00:00Z)")]
    [TestCase("{\"enabled\":true,\"activefrom\":\"2099-01-01T00:00:00Z\"}", "unknown property 'activefrom'")]
    [TestCase("{\"enabled\":true,\"activeFrom\":\"2099-01-01T00:00:00Z\",\"activeFrom\":\"2099-01-02T00:00:00Z\"}", "activeFrom")]
    public async Task Switch_BadSchedule_Is400NamingTheProperty_AndWritesNothing(string body, string mentions)
    {
        var response = await SendRawAsync(HttpMethod.Put, Banner + "/switch", body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(mentions));
        Assert.That(await App.Admin.GetHistoryAsync("storefront.maintenance_banner"), Is.Empty);
    }

    [TestCase("/admin/toggles/storefront.pilot_dashboard/overrides", "{\"level\":\"org\",\"subject\":\"acme\",\"enabled\":true,\"activeUntil\":\"2099-01-01T00:00\"}", "activeUntil '2099-01-01T00:00' has no offset")]
    [TestCase("/admin/toggles/storefront.pilot_dashboard/overrides", "{\"level\":\"org\",\"subject\":\"acme\",\"enabled\":null,\"activeUntil\":\"2099-01-01T00:00:00Z\"}", "takes no schedule")]
    [TestCase("/admin/toggles/storefront.winter_release/group", "{\"enabled\":true,\"activeFrom\":\"Monday 9am\"}", "activeFrom 'Monday 9am' is not an ISO 8601 instant")]
    [TestCase("/admin/toggles/storefront.winter_release/group", "{\"enabled\":null,\"activeFrom\":\"2099-01-01T00:00:00Z\"}", "takes no schedule")]
    public async Task OverrideAndGroup_BadSchedule_Is400(string url, string body, string mentions)
    {
        var response = await SendRawAsync(HttpMethod.Put, url, body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(mentions));
    }

    private Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string url, string body)
    {
        var request = Http.Write(method, url, null, "\"0\"", "ada", Admin);
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        return Client.SendAsync(request);
    }
}
