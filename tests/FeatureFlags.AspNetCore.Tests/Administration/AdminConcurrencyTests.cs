using System.Net;
using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Samples.Web;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.AspNetCore.Tests.Administration;

/// <summary>
/// Optimistic concurrency over HTTP: versions as ETags, If-Match on writes.
/// </summary>
public sealed class AdminConcurrencyTests : SampleAppTest
{
    private const string Admin = "toggle-admin";
    private const string Banner = "/admin/toggles/storefront.maintenance_banner";

    [Test]
    public async Task TwoAdminsWriteFromTheSameVersion_OneSucceeds_TheOtherGets412WithTheCurrentState_OneAuditRow()
    {
        await App.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, false, SampleApp.Operator, "seed");
        var read = await Client.SendAsync(Http.Get(Banner, "ada", Admin));
        var etag = read.Headers.ETag!.Tag;
        var historyBefore = (await App.Admin.GetHistoryAsync(StorefrontToggles.MaintenanceBanner.FullName)).Count;

        var first = await Client.SendAsync(Http.Write(HttpMethod.Put, Banner + "/switch", new { enabled = true, reason = "incident" }, etag, "ada", Admin));
        var second = await Client.SendAsync(Http.Write(HttpMethod.Put, Banner + "/switch", new { enabled = false, reason = "stale" }, etag, "bob", Admin));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
        var problem = await second.JsonAsync();
        Assert.That(problem.GetProperty("current").GetProperty("modifiedBy").GetString(), Is.EqualTo("ada"));
        Assert.That(problem.GetProperty("current").GetProperty("value").GetProperty("on").GetBoolean(), Is.True);
        Assert.That(second.Headers.ETag!.Tag, Is.EqualTo(first.Headers.ETag!.Tag), "the 412 carries the version to retry from");
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.MaintenanceBanner), Is.True);
        var history = await App.Admin.GetHistoryAsync(StorefrontToggles.MaintenanceBanner.FullName);
        Assert.That(history, Has.Count.EqualTo(historyBefore + 1));
        Assert.That(history[^1].Actor, Is.EqualTo("ada"));
    }

    [Test]
    public async Task GetToggle_ReturnsTheRulesVersionAsETag_AndEachOverrideWithItsVersion()
    {
        var rules = await App.Admin.SetAsync(StorefrontToggles.NewGrading, new FlagRules { Percent = 10 }, SampleApp.Operator);
        var course = await App.Admin.SetCourseOverrideAsync(StorefrontToggles.NewGrading, "course-v1:A+B+C", true, SampleApp.Operator);

        var response = await Client.SendAsync(Http.Get("/admin/toggles/storefront.new_grading", "ada", Admin));
        var body = await response.JsonAsync();

        Assert.That(response.Headers.ETag!.Tag, Is.EqualTo($"\"{rules.Version}\""));
        Assert.That(body.GetProperty("value").GetProperty("percent").GetDecimal(), Is.EqualTo(10m));
        var only = body.GetProperty("overrides").EnumerateArray().Single();
        Assert.That((only.GetProperty("level").GetString(), only.GetProperty("subject").GetString(), only.GetProperty("version").GetInt64()), Is.EqualTo(("course", "course-v1:A+B+C", course!.Version)));
    }

    [Test]
    public async Task StaleOverrideWrite_Is412_AndTheOverrideKeepsItsValue()
    {
        const string Url = "/admin/toggles/storefront.new_grading/overrides";
        var created = await Client.SendAsync(Http.Write(HttpMethod.Put, Url, new { level = "course", subject = "course-v1:A+B+C", enabled = true }, "\"0\"", "ada", Admin));
        var stale = await Client.SendAsync(Http.Write(HttpMethod.Put, Url, new { level = "course", subject = "course-v1:A+B+C", enabled = (bool?)null }, "\"0\"", "bob", Admin));

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.NewGrading, "course-v1:A+B+C"), Is.True);
    }

    [TestCase("PUT")]
    [TestCase("DELETE")]
    public async Task WriteWithoutIfMatch_Is428_AndNothingChanges(string method)
    {
        await App.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, true, SampleApp.Operator);
        var before = await App.Admin.GetHistoryAsync(StorefrontToggles.MaintenanceBanner.FullName);
        var request = method == "PUT"
            ? Http.Request(HttpMethod.Put, Banner + "/switch", new { enabled = false }, "ada", Admin)
            : Http.Request(HttpMethod.Delete, Banner, null, "ada", Admin);

        var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo((HttpStatusCode)428));
        var problem = await response.JsonAsync();
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("If-Match"));
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("InvalidRequest"));
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.MaintenanceBanner), Is.True);
        Assert.That(await App.Admin.GetHistoryAsync(StorefrontToggles.MaintenanceBanner.FullName), Is.EqualTo(before));
    }

    [TestCase("42")]
    [TestCase("W/\"1\"")]
    [TestCase("\"1\", \"2\"")]
    public async Task MalformedIfMatch_Is400(string ifMatch)
    {
        var response = await Client.SendAsync(Http.Write(HttpMethod.Put, Banner + "/switch", new { enabled = true }, ifMatch, "ada", Admin));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.MaintenanceBanner), Is.False);
    }

    [Test]
    public async Task IfMatchStar_OverwritesWhateverIsStored()
    {
        await App.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, false, SampleApp.Operator);

        var response = await Client.SendAsync(Http.Write(HttpMethod.Put, Banner + "/switch", new { enabled = true }, "*", "ada", Admin));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.MaintenanceBanner), Is.True);
    }

    [Test]
    public async Task RequireIfMatchOff_ScriptsMayWriteWithoutIt_ButAStaleIfMatchIsStillRefused()
    {
        using var app = new SampleApp { ExtraServices = s => s.Configure<FeatureTogglesHttpOptions>(o => o.RequireIfMatch = false) };
        using var client = app.CreateHttpsClient();

        var plain = await client.SendAsync(Http.Request(HttpMethod.Put, Banner + "/switch", new { enabled = true }, "ada", Admin));
        var stale = await client.SendAsync(Http.Write(HttpMethod.Put, Banner + "/switch", new { enabled = false }, "\"0\"", "ada", Admin));

        Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
        Assert.That(app.Toggles.IsEnabled(StorefrontToggles.MaintenanceBanner), Is.True);
    }
}
