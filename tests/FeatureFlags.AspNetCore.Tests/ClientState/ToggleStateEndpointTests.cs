using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Samples.Web;

namespace FeatureFlags.AspNetCore.Tests.ClientState;

public sealed class ToggleStateEndpointTests : SeededSampleAppFixture
{
    protected override async Task SeedAsync(IToggleAdmin admin)
    {
        await admin.SetAsync(StorefrontToggles.MaintenanceBanner, true, SampleApp.Operator);
        await admin.SetAsync(StorefrontToggles.NewCheckout, new FlagRules { Staff = true }, SampleApp.Operator);
        await admin.SetAsync(StorefrontToggles.PersonalRecommendations, new FlagRules { Groups = ["beta"] }, SampleApp.Operator);
        await admin.SetAsync(StorefrontToggles.NewReports, new FlagRules { Everyone = true }, SampleApp.Operator);
        await admin.SetCourseOverrideAsync(StorefrontToggles.NewGrading, "course-v1:DemoX+Intro+2026", true, SampleApp.Operator);
    }

    [Test]
    public async Task AnonymousUser_GetsOnlyExposedToggles_EvaluatedForNobody()
    {
        var toggles = await (await Client.GetAsync("/api/toggles")).TogglesAsync();

        Assert.That(toggles, Is.EquivalentTo(new Dictionary<string, bool>
        {
            ["storefront.maintenance_banner"] = true,
            ["storefront.new_checkout"] = false,
            ["storefront.new_grading"] = false,
            ["storefront.personal_recommendations"] = false,
            ["storefront.search_v2"] = true,
        }));
    }

    [Test]
    public async Task StaffUser_SeesTheStaffFlagOn()
    {
        var toggles = await (await Client.SendAsync(Http.Get("/api/toggles", "sam", "staff"))).TogglesAsync();

        Assert.That(toggles["storefront.new_checkout"], Is.True);
        Assert.That(toggles["storefront.personal_recommendations"], Is.False);
    }

    [Test]
    public async Task UserInAGroup_SeesTheGroupFlagOn()
    {
        var toggles = await (await Client.SendAsync(Http.Get("/api/toggles", "gus", "beta"))).TogglesAsync();

        Assert.That(toggles["storefront.personal_recommendations"], Is.True);
        Assert.That(toggles["storefront.new_checkout"], Is.False);
    }

    [Test]
    public async Task CourseRoute_EvaluatesCourseFlagsForThatCourse()
    {
        var piloted = await (await Client.GetAsync("/api/courses/course-v1:DemoX+Intro+2026/toggles")).TogglesAsync();
        var other = await (await Client.GetAsync("/api/courses/course-v1:OtherU+Intro+2026/toggles")).TogglesAsync();

        Assert.That((piloted["storefront.new_grading"], other["storefront.new_grading"]), Is.EqualTo((true, false)));
    }

    [Test]
    public async Task StateEndpoint_IsPrivate_AndRevalidatedOnEveryUse()
    {
        var response = await Client.GetAsync("/api/toggles");

        Assert.That(response.Headers.CacheControl?.NoCache, Is.True);
        Assert.That(response.Headers.CacheControl?.Private, Is.True);
        Assert.That(response.Headers.ETag?.IsWeak, Is.False);
    }

    [Test]
    public async Task ExistingApiResponse_CarriesTheSameStateAsTheEndpoint()
    {
        var state = await (await Client.SendAsync(Http.Get("/api/toggles", "sam", "staff", "beta"))).TogglesAsync();
        var profile = await (await Client.SendAsync(Http.Get("/api/profile", "sam", "staff", "beta"))).JsonAsync();

        Assert.That(profile.GetProperty("user").GetString(), Is.EqualTo("sam"));
        var embedded = profile.GetProperty("toggles").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetBoolean());
        Assert.That(embedded, Is.EquivalentTo(state));
        Assert.That(embedded["storefront.new_checkout"] && embedded["storefront.personal_recommendations"], Is.True);
    }
}
