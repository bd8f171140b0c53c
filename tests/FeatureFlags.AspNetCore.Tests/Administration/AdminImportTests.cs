using System.Net;
using System.Text;
using System.Text.Json;
using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Samples.Web;
using FeatureFlags.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.AspNetCore.Tests.Administration;

/// <summary>
/// Import over HTTP goes through the one write path: the same editor roles, kinds and limits, all or nothing.
/// </summary>
public sealed class AdminImportTests : SampleAppTest
{
    private const string Admin = "toggle-admin";

    [Test]
    public async Task ImportTouchingARoleProtectedToggle_WithoutTheRole_Is403_AndChangesNothing()
    {
        var before = await Snapshot();
        var document = Document(
            ("storefront.new_checkout", StoredValues.Flag(new FlagRules { Everyone = true })),
            ("storefront.maintenance_banner", StoredValues.Switch(true)));

        var response = await Import(document, "/admin/toggles/import?dryRun=false", "ada", Admin);
        var deleteMissing = await Import(Document(), "/admin/toggles/import?dryRun=false&deleteMissing=true", "ada", Admin);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var body = await response.JsonAsync();
        Assert.That(body.GetProperty("applied").GetBoolean(), Is.False);
        Assert.That(body.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("key").GetString(), p.GetProperty("code").GetString())), Is.EqualTo(new[] { ("storefront.new_checkout", "AccessDenied") }));
        Assert.That(deleteMissing.StatusCode, Is.EqualTo(HttpStatusCode.OK), "nothing stored, nothing to delete");
        Assert.That(await Snapshot(), Is.EqualTo(before));
        Assert.That(App.Toggles.IsEnabled(StorefrontToggles.MaintenanceBanner), Is.False, "the permitted key was not applied either");
    }

    [Test]
    public async Task DeleteMissing_OfARoleProtectedToggle_WithoutTheRole_Is403_AndDeletesNothing()
    {
        await App.Admin.SetAsync(StorefrontToggles.NewCheckout, new FlagRules { Percent = 5 }, SampleApp.Operator);
        var before = await Snapshot();

        var response = await Import(Document(), "/admin/toggles/import?dryRun=false&deleteMissing=true", "ada", Admin);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await Snapshot(), Is.EqualTo(before));
    }

    [Test]
    public async Task OneBadKeyAmongAThousand_DryRunAndRealRunReportTheSameProblem_NothingChanges()
    {
        var keys = Enumerable.Range(0, 999)
            .Select(i => ($"storefront.new_grading/course/course-v1:Acme+C{i}+2026", StoredValues.Override(true)))
            .Append(($"storefront.new_grading/course/{new string('x', 2400)}", StoredValues.Override(true)))
            .ToArray();
        var document = Document(keys);

        var dryRun = await (await Import(document, "/admin/toggles/import?dryRun=true", "ada", Admin)).JsonAsync();
        var real = await Import(document, "/admin/toggles/import?dryRun=false", "ada", Admin);

        Assert.That(real.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var realBody = await real.JsonAsync();
        Assert.That(realBody.GetProperty("problems").GetRawText(), Is.EqualTo(dryRun.GetProperty("problems").GetRawText()));
        Assert.That(realBody.GetProperty("problems").EnumerateArray().Single().GetProperty("message").GetString(), Does.Contain("bytes long in UTF-8"));
        Assert.That(await Snapshot(), Is.Empty);
    }

    [Test]
    public async Task ImportOverTheBodyLimit_Is413()
    {
        var keys = Enumerable.Range(0, 20_000).Select(i => ($"storefront.new_grading/course/course-v1:Acme+C{i}+2026", StoredValues.Override(true))).ToArray();

        var response = await Import(Document(keys), "/admin/toggles/import?dryRun=false", "ada", Admin);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await Snapshot(), Is.Empty);
    }

    [Test]
    public async Task ApplyingAfterSomeoneChangedTheStore_SinceTheDryRun_Is412_AndUndoesNothing()
    {
        var document = Document(("storefront.personal_recommendations", StoredValues.Flag(new FlagRules { Everyone = true })));
        var dryRun = await ImportWith(document, "/admin/toggles/import?dryRun=true", null, "ada", Admin);
        await App.Admin.SetAsync(StorefrontToggles.PersonalRecommendations, new FlagRules { Everyone = false }, SampleApp.Operator, "incident: kill switch");

        var apply = await ImportWith(document, "/admin/toggles/import?dryRun=false", dryRun.Headers.ETag!.Tag, "ada", Admin);
        var withoutPlan = await ImportWith(document, "/admin/toggles/import?dryRun=false", null, "ada", Admin);

        Assert.That(apply.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
        Assert.That(await apply.Content.ReadAsStringAsync(), Does.Contain("changed since the dry run"));
        Assert.That(withoutPlan.StatusCode, Is.EqualTo((HttpStatusCode)428));
        var last = (await App.Admin.GetHistoryAsync(StorefrontToggles.PersonalRecommendations.FullName))[^1];
        Assert.That(last.Reason, Is.EqualTo("incident: kill switch"), "the kill switch set after the review stays");
    }

    [TestCase("dryRun=nope", "dryRun")]
    [TestCase("deleteMissing=2", "deleteMissing")]
    public async Task MalformedQueryValues_AreProblemsNamingTheParameter(string query, string mentions)
    {
        var response = await ImportWith(Document(), $"/admin/toggles/import?{query}", "*", "ada", Admin);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(mentions));
    }

    private static string Document(params (string Key, string Value)[] keys)
        => JsonSerializer.Serialize(new { format = 1, keys = keys.Select(k => new { key = k.Key, value = k.Value }) });

    private Task<HttpResponseMessage> Import(string document, string url, string user, params string[] roles)
        => ImportWith(document, url, "*", user, roles);

    private Task<HttpResponseMessage> ImportWith(string document, string url, string? ifMatch, string user, params string[] roles)
    {
        var request = Http.Request(HttpMethod.Post, url, null, user, roles);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        request.Content = new StringContent(document, Encoding.UTF8, "application/json");
        return Client.SendAsync(request);
    }

    private async Task<Dictionary<string, long>> Snapshot()
        => (await App.Services.GetRequiredService<IToggleStore>().ListAsync(string.Empty)).ToDictionary(r => r.Key, r => r.Version);
}
