using System.Net;
using System.Text.Json;
using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Samples.Web;
using static FeatureFlags.AspNetCore.Tests.OpenFeature.OfrepHttp;

namespace FeatureFlags.AspNetCore.Tests.OpenFeature;

/// <summary>
/// The OFREP endpoints of the web sample: answers, exposure, whose context is evaluated, and malformed requests.
/// </summary>
public sealed class OfrepEndpointTests : SeededSampleAppFixture
{
    private const string PilotCourse = "course-v1:DemoX+Intro+2026";

    protected override async Task SeedAsync(IToggleAdmin admin)
    {
        await admin.SetAsync(StorefrontToggles.MaintenanceBanner, true, SampleApp.Operator);
        await admin.SetAsync(StorefrontToggles.NewCheckout, new FlagRules { Staff = true }, SampleApp.Operator);
        await admin.SetAsync(StorefrontToggles.PersonalRecommendations, new FlagRules { Groups = ["beta"] }, SampleApp.Operator);
        await admin.SetAsync(StorefrontToggles.NewReports, new FlagRules { Everyone = true }, SampleApp.Operator);
        await admin.SetCourseOverrideAsync(StorefrontToggles.NewGrading, PilotCourse, true, SampleApp.Operator);
    }

    [Test]
    public async Task Flag_ForTheCaller_AnswersValueReasonVariantAndMetadata()
    {
        var response = await Client.SendAsync(Post(Flag("storefront.new_checkout"), """{"context":{}}""", "sam", "staff"));
        var json = await response.JsonAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(json.GetProperty("key").GetString(), Is.EqualTo("storefront.new_checkout"));
        Assert.That(json.GetProperty("value").GetBoolean(), Is.True);
        Assert.That(json.GetProperty("reason").GetString(), Is.EqualTo("TARGETING_MATCH"));
        Assert.That(json.GetProperty("variant").GetString(), Is.EqualTo("on"));
        Assert.That(json.GetProperty("metadata").GetProperty("reason").GetString(), Is.EqualTo("Staff"));
        Assert.That(json.GetProperty("metadata").GetProperty("detail").GetString(), Is.EqualTo("on for staff"));
    }

    [TestCase("storefront.maintenance_banner", true, "STATIC", "Switch")]
    [TestCase("storefront.new_checkout", false, "DEFAULT", "NoRuleMatched")]
    [TestCase("storefront.search_v2", true, "STATIC", "Setting")]
    [TestCase("storefront.new_grading", false, "DEFAULT", "Default")]
    public async Task Reasons_MapToOpenFeatureReasons(string key, bool value, string reason, string ours)
    {
        var json = await (await Client.SendAsync(Post(Flag(key), null))).JsonAsync();

        Assert.That(
            (json.GetProperty("value").GetBoolean(), json.GetProperty("reason").GetString(), json.GetProperty("metadata").GetProperty("reason").GetString()),
            Is.EqualTo((value, reason, ours)));
    }

    [TestCase("storefront.new_reports", Description = "declared, not ExposeToClients")]
    [TestCase("storefront.pilot_dashboard", Description = "declared, not ExposeToClients")]
    [TestCase("storefront.no_such_toggle", Description = "not declared")]
    public async Task UnexposedOrUnknownKey_IsFlagNotFound(string key)
    {
        var response = await Client.SendAsync(Post(Flag(key), "{}", "ada"));
        var json = await response.JsonAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(json.GetProperty("key").GetString(), Is.EqualTo(key));
        Assert.That(json.GetProperty("errorCode").GetString(), Is.EqualTo("FLAG_NOT_FOUND"));
        Assert.That(json.GetProperty("errorDetails").GetString(), Is.EqualTo($"No flag named '{key}' is available here."), "an unexposed toggle looks like an unknown one");
    }

    [Test]
    public async Task Bulk_AnswersTheExposedToggles_AsTheStateEndpointDoes()
    {
        var bulk = await (await Client.SendAsync(Post(Bulk, """{"context":{}}""", "gus", "beta"))).JsonAsync();
        var state = await (await Client.SendAsync(Http.Get("/api/toggles", "gus", "beta"))).TogglesAsync();

        var flags = bulk.GetProperty("flags").EnumerateArray().ToDictionary(f => f.GetProperty("key").GetString()!, f => f.GetProperty("value").GetBoolean());
        Assert.That(flags, Is.EqualTo(state));
        Assert.That(flags.ContainsKey("storefront.new_reports"), Is.False);
        Assert.That(flags["storefront.personal_recommendations"], Is.True);
    }

    [Test]
    public async Task CourseKeyAndOrgInTheContext_EvaluateCourseFlagsForThem()
    {
        var piloted = await (await Client.SendAsync(Post(Flag("storefront.new_grading"), "{\"context\":{\"courseKey\":\"" + PilotCourse + "\"}}", "ada"))).JsonAsync();
        var other = await (await Client.SendAsync(Post(Flag("storefront.new_grading"), """{"context":{"courseKey":"course-v1:OtherU+Law+2026"}}""", "ada"))).JsonAsync();

        Assert.That((piloted.GetProperty("value").GetBoolean(), piloted.GetProperty("reason").GetString()), Is.EqualTo((true, "TARGETING_MATCH")));
        Assert.That(piloted.GetProperty("metadata").GetProperty("detail").GetString(), Is.EqualTo($"override for course '{PilotCourse}'"));
        Assert.That(other.GetProperty("value").GetBoolean(), Is.False);
    }

    [Test]
    public async Task ClientChosenTargetingKey_IsRefusedByDefault()
    {
        var asOther = await Client.SendAsync(Post(Flag("storefront.new_checkout"), """{"context":{"targetingKey":"sam"}}""", "ada"));
        var anonymous = await Client.SendAsync(Post(Flag("storefront.new_checkout"), """{"context":{"targetingKey":"sam"}}"""));
        var bulk = await Client.SendAsync(Post(Bulk, """{"context":{"targetingKey":"sam"}}""", "ada"));

        foreach (var response in new[] { asOther, anonymous, bulk })
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            var json = await response.JsonAsync();
            Assert.That(json.GetProperty("errorCode").GetString(), Is.EqualTo("INVALID_CONTEXT"));
            Assert.That(json.GetProperty("errorDetails").GetString(), Does.Contain("targetingKey 'sam'"));
        }
    }

    [Test]
    public async Task CallersOwnIdentity_RepeatedInTheContext_IsAccepted()
    {
        var response = await Client.SendAsync(Post(Flag("storefront.new_checkout"), """{"context":{"targetingKey":"sam","staff":true,"groups":["staff"],"authenticated":true}}""", "sam", "staff"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await response.JsonAsync()).GetProperty("value").GetBoolean(), Is.True);
    }

    [TestCase("""{"staff":true}""", "staff")]
    [TestCase("""{"superuser":true}""", "superuser")]
    [TestCase("""{"authenticated":false}""", "authenticated")]
    [TestCase("""{"groups":["beta"]}""", "groups")]
    [TestCase("""{"site":"other.example"}""", "site")]
    public async Task IdentityAttributes_ThatAreNotTheCallers_AreRefusedByDefault(string context, string attribute)
    {
        var response = await Client.SendAsync(Post(Flag("storefront.new_checkout"), "{\"context\":" + context + "}", "ada"));
        var json = await response.JsonAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(json.GetProperty("errorCode").GetString(), Is.EqualTo("INVALID_CONTEXT"));
        Assert.That(json.GetProperty("errorDetails").GetString(), Does.Contain(attribute));
    }

    [Test]
    public async Task TrustedMapping_EvaluatesForTheTargetingKey_AndAnswersEveryToggle()
    {
        var staff = await (await Client.SendAsync(Post("/internal" + Flag("storefront.new_checkout"), """{"context":{"targetingKey":"sam","staff":true}}""", "svc", "toggle-service"))).JsonAsync();
        var plain = await (await Client.SendAsync(Post("/internal" + Flag("storefront.new_checkout"), """{"context":{"targetingKey":"bob"}}""", "svc", "toggle-service"))).JsonAsync();
        var unexposed = await Client.SendAsync(Post("/internal" + Flag("storefront.new_reports"), "{}", "svc", "toggle-service"));

        Assert.That((staff.GetProperty("value").GetBoolean(), plain.GetProperty("value").GetBoolean()), Is.EqualTo((true, false)));
        Assert.That(unexposed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task TrustedMapping_KeepsItsAuthorizationPolicy()
    {
        var signedOut = await Client.SendAsync(Post("/internal" + Flag("storefront.new_checkout"), "{}"));
        var withoutRole = await Client.SendAsync(Post("/internal" + Bulk, "{}", "ada", "staff"));

        Assert.That(signedOut.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(withoutRole.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [TestCase("not json")]
    [TestCase("[]")]
    [TestCase("\"context\"")]
    [TestCase("""{"context":[]}""")]
    [TestCase("""{"context":"ada"}""")]
    [TestCase("""{"context":{"targetingKey":5}}""")]
    [TestCase("""{"context":{"groups":"beta"}}""")]
    [TestCase("""{"context":{"groups":[1]}}""")]
    [TestCase("""{"context":{"staff":"yes"}}""")]
    [TestCase("""{"context":{"courseKey":{}}}""")]
    [TestCase("""{"context":{"language":""")]
    public async Task MalformedBody_Is400InvalidContext_OnBothEndpoints(string body)
    {
        var flag = await Client.SendAsync(Post(Flag("storefront.new_checkout"), body, "ada"));
        var bulk = await Client.SendAsync(Post(Bulk, body, "ada"));

        Assert.That((flag.StatusCode, bulk.StatusCode), Is.EqualTo((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest)));
        var flagJson = await flag.JsonAsync();
        var bulkJson = await bulk.JsonAsync();
        Assert.That(flagJson.GetProperty("key").GetString(), Is.EqualTo("storefront.new_checkout"));
        Assert.That(flagJson.GetProperty("errorCode").GetString(), Is.EqualTo("INVALID_CONTEXT"));
        Assert.That(bulkJson.GetProperty("errorCode").GetString(), Is.EqualTo("INVALID_CONTEXT"));
        Assert.That(bulkJson.TryGetProperty("flags", out _), Is.False);
        Assert.That(bulk.Headers.ETag, Is.Null);
    }

    [Test]
    public async Task OversizedBody_Is400InvalidContext()
    {
        var body = JsonSerializer.Serialize(new { context = new { note = new string('x', 70_000) } });

        var response = await Client.SendAsync(Post(Bulk, body, "ada"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await response.JsonAsync()).GetProperty("errorDetails").GetString(), Does.Contain("larger than 65536 bytes"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("{}")]
    [TestCase("""{"context":null}""")]
    [TestCase("""{"context":{"plan":"gold","seats":5,"beta":{"since":2026}}}""")]
    public async Task EmptyOrCustomContext_IsAccepted(string? body)
    {
        var response = await Client.SendAsync(Post(Flag("storefront.maintenance_banner"), body));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
