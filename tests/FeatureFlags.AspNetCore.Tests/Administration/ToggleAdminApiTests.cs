using System.Net;
using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Samples.Web;

namespace FeatureFlags.AspNetCore.Tests.Administration;

public sealed class ToggleAdminApiTests : SampleAppTest
{
    private const string Admin = "toggle-admin";
    [Test]
    public async Task AnonymousUser_Gets401_AndUserWithoutThePolicy_Gets403()
    {
        var anonymous = await Client.GetAsync("/admin/toggles");
        var outsider = await Client.SendAsync(Http.Get("/admin/toggles", "eve", "staff"));
        var write = await Client.SendAsync(Http.Write(HttpMethod.Put, "/admin/toggles/storefront.maintenance_banner/switch", new { enabled = true }, "\"0\"", "eve", "staff"));

        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(outsider.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.MaintenanceBanner), Is.False);
        Assert.That(await App.Admin.GetHistoryAsync(StorefrontToggles.MaintenanceBanner.FullName), Is.Empty);
    }

    [Test]
    public async Task AdminWithoutTheTogglesEditorRole_Gets403_AndNothingChanges()
    {
        var response = await Client.SendAsync(Http.Write(
            HttpMethod.Put, "/admin/toggles/storefront.new_checkout/flag", new { rules = new { everyone = true }, reason = "launch" }, "\"0\"", "ada", Admin));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("checkout-team"));
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.NewCheckout), Is.False);
        Assert.That(await App.Admin.GetHistoryAsync(StorefrontToggles.NewCheckout.FullName), Is.Empty);
    }

    [Test]
    public async Task AdminWithTheEditorRole_SetsTheFlag_AndTheAuditNamesTheAuthenticatedUser()
    {
        var response = await Client.SendAsync(Http.Write(
            HttpMethod.Put, "/admin/toggles/storefront.new_checkout/flag", new { rules = new { everyone = true }, reason = "launch" }, "\"0\"", "ada", Admin, "checkout-team"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.NewCheckout), Is.True);
        var audit = (await App.Admin.GetHistoryAsync(StorefrontToggles.NewCheckout.FullName)).Single();
        Assert.That((audit.Actor, audit.Reason), Is.EqualTo(("ada", "launch")));

        var history = await (await Client.SendAsync(Http.Get("/admin/toggles/storefront.new_checkout/history", "ada", Admin))).JsonAsync();
        Assert.That(history.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("actor").GetString()), Is.EqualTo(new[] { "ada" }));
    }

    [Test]
    public async Task Switch_SetAndDelete_RoundTrip()
    {
        var set = await Client.SendAsync(Http.Write(HttpMethod.Put, "/admin/toggles/storefront.maintenance_banner/switch", new { enabled = true }, "\"0\"", "ops", Admin));
        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.MaintenanceBanner), Is.True);

        var deleted = await Client.SendAsync(Http.Write(HttpMethod.Delete, "/admin/toggles/storefront.maintenance_banner?reason=done", null, set.Headers.ETag!.Tag, "ops", Admin));
        Assert.That((await deleted.JsonAsync()).GetProperty("deleted").GetInt32(), Is.EqualTo(1));
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.MaintenanceBanner), Is.False);
        var history = await App.Admin.GetHistoryAsync(StorefrontToggles.MaintenanceBanner.FullName);
        Assert.That(history.OrderBy(e => e.Version).Select(e => (e.Actor, e.Action, e.Reason)), Is.EqualTo(new[] { ("ops", ToggleAuditAction.Created, (string?)null), ("ops", ToggleAuditAction.Deleted, "done") }));
    }

    [Test]
    public async Task CourseOverride_SetAndClear()
    {
        const string Course = "course-v1:DemoX+Intro+2026";
        var set = await Client.SendAsync(Http.Write(HttpMethod.Put, "/admin/toggles/storefront.new_grading/overrides", new { level = "course", subject = Course, enabled = true }, "\"0\"", "ops", Admin));
        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.NewGrading, Course), Is.True);

        var cleared = await Client.SendAsync(Http.Write(HttpMethod.Put, "/admin/toggles/storefront.new_grading/overrides", new { level = "course", subject = Course, enabled = (bool?)null }, set.Headers.ETag!.Tag, "ops", Admin));
        Assert.That(cleared.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.NewGrading, Course), Is.False);
    }

    [TestCase("/admin/toggles/storefront.no_such/switch", "{\"enabled\":true}", HttpStatusCode.NotFound, "storefront.no_such")]
    [TestCase("/admin/toggles/storefront.new_grading/overrides", "{\"level\":\"planet\",\"subject\":\"x\",\"enabled\":true}", HttpStatusCode.BadRequest, "planet")]
    [TestCase("/admin/toggles/storefront.personal_recommendations/flag", "{\"rules\":{\"percent\":150}}", HttpStatusCode.BadRequest, "outside 0..100")]
    [TestCase("/admin/toggles/storefront.maintenance_banner/flag", "{\"rules\":{\"everyone\":true}}", HttpStatusCode.BadRequest, "not a flag")]
    [TestCase("/admin/toggles/storefront.search_v2/switch", "{\"enabled\":true}", HttpStatusCode.BadRequest, "setting toggle")]
    [TestCase("/admin/toggles/storefront.maintenance_banner/switch", "{\"reason\":\"no state given\"}", HttpStatusCode.BadRequest, "'enabled'")]
    public async Task InvalidChange_IsRefusedWithAProblemThatNamesIt(string url, string body, HttpStatusCode status, string mentions)
    {
        using var request = Http.Write(HttpMethod.Put, url, null, "\"0\"", "ops", Admin);
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(mentions));
    }

    [Test]
    public async Task List_Report_AndLint_DescribeTheDeclaredToggles()
    {
        await App.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, true, SampleApp.Operator);

        var list = await (await Client.SendAsync(Http.Get("/admin/toggles", "ops", Admin))).JsonAsync();
        var banner = list.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "storefront.maintenance_banner");
        Assert.That(list.GetArrayLength(), Is.EqualTo(10));
        Assert.That((banner.GetProperty("kind").GetString(), banner.GetProperty("status").GetString()), Is.EqualTo(("Switch", "on")));

        var csv = await Client.SendAsync(Http.Get("/admin/toggles/report?format=csv", "ops", Admin));
        Assert.That(csv.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        Assert.That(await csv.Content.ReadAsStringAsync(), Does.StartWith("name,description,implementation"));

        var markdown = await Client.SendAsync(Http.Get("/admin/toggles/report?format=markdown", "ops", Admin));
        Assert.That(await markdown.Content.ReadAsStringAsync(), Does.Contain("| storefront.new_checkout |"));

        var unknown = await Client.SendAsync(Http.Get("/admin/toggles/report?format=pdf", "ops", Admin));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        var lint = await (await Client.SendAsync(Http.Get("/admin/toggles/lint", "ops", Admin))).JsonAsync();
        Assert.That(lint.EnumerateArray().Select(f => f.GetProperty("rule").GetString()), Does.Contain("missing-removal-date"));
    }

    [Test]
    public async Task ExportThenImport_DryRunChangesNothing_ApplyRestoresAsTheUser()
    {
        await App.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, true, SampleApp.Operator);
        var export = await (await Client.SendAsync(Http.Get("/admin/toggles/export", "ops", Admin))).Content.ReadAsStringAsync();
        await App.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, false, SampleApp.Operator);

        var dryRunResponse = await Import(export, "/admin/toggles/import");
        var dryRun = await dryRunResponse.JsonAsync();
        Assert.That(dryRun.GetProperty("applied").GetBoolean(), Is.False);
        Assert.That(dryRun.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("kind").GetString()), Is.EqualTo(new[] { "updated" }));
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.MaintenanceBanner), Is.False);

        var applied = await (await Import(export, "/admin/toggles/import?dryRun=false", dryRunResponse.Headers.ETag!.Tag)).JsonAsync();
        Assert.That(applied.GetProperty("applied").GetBoolean(), Is.True);
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.MaintenanceBanner), Is.True);
        var last = (await App.Admin.GetHistoryAsync(StorefrontToggles.MaintenanceBanner.FullName)).MaxBy(e => e.Version)!;
        Assert.That((last.Actor, last.Reason), Is.EqualTo(("import by ops", "import over HTTP")));
    }

    private Task<HttpResponseMessage> Import(string document, string url, string? ifMatch = null)
    {
        var request = Http.Request(HttpMethod.Post, url, null, "ops", Admin);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        request.Content = new StringContent(document, System.Text.Encoding.UTF8, "application/json");
        return Client.SendAsync(request);
    }
}
