using System.Net;
using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Samples.Web;
using static FeatureFlags.AspNetCore.Tests.OpenFeature.OfrepHttp;

namespace FeatureFlags.AspNetCore.Tests.OpenFeature;

/// <summary>
/// The bulk OFREP evaluation carries an <c>ETag</c>; <c>If-None-Match</c> answers 304 until the caller's answer changes.
/// </summary>
public sealed class OfrepBulkETagTests : SampleAppTest
{
    [Test]
    public async Task IfNoneMatch_SameAnswer_Is304_ThenAChange_Is200WithANewTag()
    {
        var first = await Client.SendAsync(Post(Bulk, "{}", "ada"));
        var etag = first.Headers.ETag!.Tag;

        var unchanged = Post(Bulk, "{}", "ada");
        unchanged.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var notModified = await Client.SendAsync(unchanged);

        await App.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, true, SampleApp.Operator);
        var changed = Post(Bulk, "{}", "ada");
        changed.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var modified = await Client.SendAsync(changed);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(first.Headers.ETag.IsWeak, Is.False);
        Assert.That(first.Headers.CacheControl?.Private, Is.True);
        Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(await notModified.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(modified.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(modified.Headers.ETag!.Tag, Is.Not.EqualTo(etag));
    }

    [Test]
    public async Task IfNoneMatch_ListOrWeakOrStar_Matches()
    {
        var etag = (await Client.SendAsync(Post(Bulk, "{}", "ada"))).Headers.ETag!.Tag;

        foreach (var header in new[] { $"\"other\", {etag}", "W/" + etag, "*" })
        {
            var request = Post(Bulk, "{}", "ada");
            request.Headers.TryAddWithoutValidation("If-None-Match", header);
            Assert.That((await Client.SendAsync(request)).StatusCode, Is.EqualTo(HttpStatusCode.NotModified), header);
        }
    }

    [Test]
    public async Task SingleFlagEvaluation_IsNotCached()
    {
        var response = await Client.SendAsync(Post(Flag("storefront.maintenance_banner"), "{}", "ada"));

        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(response.Headers.ETag, Is.Null);
    }
}
