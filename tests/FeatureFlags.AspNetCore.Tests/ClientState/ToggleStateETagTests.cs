using System.Net;
using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Samples.Web;

namespace FeatureFlags.AspNetCore.Tests.ClientState;

/// <summary>
/// Browsers and mobile apps revalidate the state endpoint with <c>If-None-Match</c>: 304 while their state is the
/// same, 200 with a new tag once it changes.
/// </summary>
public sealed class ToggleStateETagTests : SampleAppTest
{
    [Test]
    public async Task IfNoneMatch_SameState_Is304WithoutBody()
    {
        var first = await Client.SendAsync(Http.Get("/api/toggles", "ada"));
        var etag = first.Headers.ETag!.Tag;

        var again = Http.Get("/api/toggles", "ada");
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var second = await Client.SendAsync(again);

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(second.Headers.ETag?.Tag, Is.EqualTo(etag));
        Assert.That(await second.Content.ReadAsByteArrayAsync(), Is.Empty);
    }

    [Test]
    public async Task IfNoneMatch_AfterAChange_Is200WithANewTag()
    {
        var first = await Client.SendAsync(Http.Get("/api/toggles", "ada"));
        await App.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, true, SampleApp.Operator);

        var again = Http.Get("/api/toggles", "ada");
        again.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.Tag);
        var second = await Client.SendAsync(again);

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(second.Headers.ETag!.Tag, Is.Not.EqualTo(first.Headers.ETag.Tag));
        Assert.That((await second.TogglesAsync())["storefront.maintenance_banner"], Is.True);
    }

    [Test]
    public async Task ETag_FollowsTheAnswer_NotTheUser()
    {
        await App.Admin.SetAsync(StorefrontToggles.NewCheckout, new FlagRules { Staff = true }, SampleApp.Operator);

        var ada = await Client.SendAsync(Http.Get("/api/toggles", "ada"));
        var bob = await Client.SendAsync(Http.Get("/api/toggles", "bob"));
        var staff = await Client.SendAsync(Http.Get("/api/toggles", "sam", "staff"));

        Assert.That(bob.Headers.ETag!.Tag, Is.EqualTo(ada.Headers.ETag!.Tag), "two users with the same answer");
        Assert.That(staff.Headers.ETag!.Tag, Is.Not.EqualTo(ada.Headers.ETag.Tag), "a different answer never revalidates as the same");
    }
}
