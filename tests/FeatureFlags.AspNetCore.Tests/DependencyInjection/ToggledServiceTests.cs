using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Samples.Web;

namespace FeatureFlags.AspNetCore.Tests.DependencyInjection;

public sealed class ToggledServiceTests
{
    [Test]
    public async Task FlippedService_IsChosenPerRequest_ForEachUser()
    {
        using var app = new SampleApp();
        using var client = app.CreateHttpsClient();
        await app.Admin.SetAsync(StorefrontToggles.PersonalRecommendations, new FlagRules { Groups = ["beta"] }, SampleApp.Operator);

        // Interleaved requests on one app: each gets the implementation its own user's flag state chooses.
        var responses = await Task.WhenAll(
            client.SendAsync(Http.Get("/recommendations", "ada", "beta")),
            client.SendAsync(Http.Get("/recommendations", "bob")),
            client.SendAsync(Http.Get("/recommendations", "cyd", "beta")),
            client.SendAsync(Http.Get("/recommendations")));
        var sources = new List<string>();
        foreach (var response in responses)
        {
            sources.Add((await response.JsonAsync()).GetProperty("source").GetString()!);
        }

        Assert.That(sources, Is.EqualTo(new[] { "personal", "bestsellers", "personal", "bestsellers" }));
    }

    [Test]
    public async Task FlippedService_FollowsAChangeOnTheNextRequest()
    {
        using var app = new SampleApp();
        using var client = app.CreateHttpsClient();
        var before = (await (await client.SendAsync(Http.Get("/recommendations", "ada"))).JsonAsync()).GetProperty("source").GetString();

        await app.Admin.SetAsync(StorefrontToggles.PersonalRecommendations, new FlagRules { Everyone = true }, SampleApp.Operator);
        var after = (await (await client.SendAsync(Http.Get("/recommendations", "ada"))).JsonAsync()).GetProperty("source").GetString();

        Assert.That((before, after), Is.EqualTo(("bestsellers", "personal")));
    }
}
