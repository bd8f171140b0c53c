using Microsoft.Extensions.DependencyInjection;
using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Samples.Web;
using Microsoft.Net.Http.Headers;

namespace FeatureFlags.AspNetCore.Tests.Context;

public sealed class AnonymousIdCookieTests : SeededSampleAppFixture
{
    private const string CookieName = ".FeatureFlags.Anonymous";
    protected override Task SeedAsync(IToggleAdmin admin)
        => admin.SetAsync(StorefrontToggles.PersonalRecommendations, new FlagRules { Percent = 50 }, SampleApp.Operator).AsTask();

    [Test]
    public async Task FirstAnonymousRequest_SetsAHttpOnlySecureLaxCookie_AndLaterRequestsKeepIt()
    {
        using var client = App.CreateHttpsClient();

        var first = await client.GetAsync("/api/toggles");
        var second = await client.GetAsync("/api/toggles");

        var cookie = SetCookie(first);
        Assert.That(cookie, Is.Not.Null);
        Assert.That(cookie!.HttpOnly && cookie.Secure, Is.True);
        Assert.That(cookie.SameSite, Is.EqualTo(SameSiteMode.Lax));
        Assert.That(cookie.Value.Value, Does.Match("^[0-9a-f]{32}$"));
        Assert.That(SetCookie(second), Is.Null, "the cookie is issued once, then read back");
    }

    [Test]
    public async Task PlainHttpOnANonLocalHost_CookieIsNotSecure_SoTheVisitorKeepsTheirBucket()
    {
        using var client = App.CreateClient(new() { BaseAddress = new Uri("http://shop.example.test") });

        var first = await client.GetAsync("/api/toggles");
        var firstAnswer = (await first.TogglesAsync())["storefront.personal_recommendations"];
        var cookie = SetCookie(first);
        var later = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.GetAsync("/api/toggles");
            Assert.That(SetCookie(response), Is.Null, "the cookie came back, so no new id is issued");
            later.Add((await response.TogglesAsync())["storefront.personal_recommendations"]);
        }

        Assert.That(cookie!.Secure, Is.False, "a Secure cookie would be dropped over plain HTTP");
        Assert.That(later, Is.All.EqualTo(firstAnswer));
    }

    [Test]
    public async Task PlainHttp_WithAlwaysSecure_MarksTheCookieSecure()
    {
        using var app = new SampleApp { ExtraServices = s => s.Configure<FeatureFlags.AspNetCore.FeatureTogglesHttpOptions>(o => o.AlwaysSecureAnonymousIdCookie = true) };
        using var client = app.CreateClient(new() { BaseAddress = new Uri("http://shop.example.test") });
        await SeedAsync(app.Admin);

        var cookie = SetCookie(await client.GetAsync("/api/toggles"));

        Assert.That(cookie!.Secure, Is.True);
    }

    [Test]
    public async Task PercentRollout_IsStickyForAnAnonymousVisitor_AndFollowsTheirCookieId()
    {
        var answers = new HashSet<bool>();
        for (var visitor = 0; visitor < 40; visitor++)
        {
            using var client = App.CreateHttpsClient();
            var first = await client.GetAsync("/api/toggles");
            var id = SetCookie(first)!.Value.Value!;
            var expected = App.Toggles.IsEnabled(StorefrontToggles.PersonalRecommendations, new ToggleContext { AnonymousId = id });

            var seen = new List<bool> { (await first.TogglesAsync())["storefront.personal_recommendations"] };
            for (var i = 0; i < 5; i++)
            {
                seen.Add((await (await client.GetAsync("/api/toggles")).TogglesAsync())["storefront.personal_recommendations"]);
            }

            Assert.That(seen, Is.All.EqualTo(expected), $"visitor {visitor} ({id})");
            answers.Add(expected);
        }

        Assert.That(answers, Is.EquivalentTo(new[] { true, false }), "at 50 % some of 40 visitors are in and some out");
    }

    [Test]
    public async Task MalformedCookie_IsReplaced()
    {
        using var client = App.CreateClient(new() { BaseAddress = new Uri("https://localhost"), HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/toggles");
        request.Headers.Add("Cookie", $"{CookieName}=not-an-id");

        var response = await client.SendAsync(request);

        Assert.That(SetCookie(response)?.Value.Value, Does.Match("^[0-9a-f]{32}$"));
    }

    [Test]
    public async Task SignedInUser_GetsNoAnonymousCookie()
    {
        using var client = App.CreateHttpsClient();

        var response = await client.SendAsync(Http.Get("/api/toggles", "ada"));

        Assert.That(SetCookie(response), Is.Null);
    }

    [TestCase("/health")]
    [TestCase("/no-such-page")]
    [TestCase("/switch")]
    public async Task ResponseWhoseEvaluationsNeedNoId_SetsNoCookie(string url)
    {
        using var client = App.CreateHttpsClient();

        var response = await client.GetAsync(url);

        Assert.That(SetCookie(response), Is.Null);
    }

    [Test]
    public async Task CookieFirstIssued_ByTheFirstResponseThatUsesTheId()
    {
        using var client = App.CreateHttpsClient();

        var health = await client.GetAsync("/health");
        var toggles = await client.GetAsync("/api/toggles");

        Assert.That(SetCookie(health), Is.Null);
        Assert.That(SetCookie(toggles)?.Value.Value, Does.Match("^[0-9a-f]{32}$"));
    }

    private static SetCookieHeaderValue? SetCookie(HttpResponseMessage response)
        => response.Headers.TryGetValues("Set-Cookie", out var values)
            ? SetCookieHeaderValue.ParseList([.. values]).FirstOrDefault(c => c.Name == CookieName)
            : null;
}
