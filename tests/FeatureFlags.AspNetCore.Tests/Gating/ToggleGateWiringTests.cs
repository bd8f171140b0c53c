using System.Net;
using FeatureFlags.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.AspNetCore.Tests.Gating;

public sealed class ToggleGateWiringTests
{
    [Test]
    public async Task RequireToggle_StillCloses_WhenTheHostForgotTheMiddleware()
    {
        await using var app = await MinimalHost.StartAsync(
            b => b.Services.AddFeatureToggles().AddToggles(WiringToggles.Beta).AddAspNetCore(),
            a => a.MapGet("/beta", () => "beta").RequireToggle(WiringToggles.Beta));
        using var client = app.GetTestClient();

        var closed = await client.GetAsync("/beta");
        await app.Services.GetRequiredService<IToggleAdmin>().SetAsync(WiringToggles.Beta, true, new ToggleActor("test"));
        var open = await client.GetAsync("/beta");

        Assert.That(closed.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(open.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Gate_OnAnUndeclaredToggleName_FailsWithAMessageNamingIt()
    {
        await using var app = await MinimalHost.StartAsync(
            b => b.Services.AddFeatureToggles().AddToggles(WiringToggles.Beta).AddAspNetCore(),
            a =>
            {
                a.UseFeatureToggles();
                a.MapGet("/typo", () => "never").WithMetadata(new ToggleGateAttribute("wiring.bta"));
            });
        using var client = app.GetTestClient();

        // Development: the developer exception page shows the exception's message.
        var response = await client.GetAsync("/typo");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("InvalidOperationException").And.Contain("wiring.bta").And.Contain("which is not declared"));
    }

    [TestCase("")]
    [TestCase("NewCheckout")]
    [TestCase("storefront.New Checkout")]
    public void ToggleGateAttribute_WithAMalformedName_SaysWhatAToggleNameIs(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => _ = new ToggleGateAttribute(name));

        Assert.That(error!.ParamName, Is.EqualTo("toggle"));
        Assert.That(name.Length == 0 || error.Message.Contains("expected 'namespace.name'", StringComparison.Ordinal), Is.True, error.Message);
    }

    [Test]
    public void InvalidOptions_FailStart_ListingEveryProblem()
    {
        var error = Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => MinimalHost.StartAsync(
            b => b.Services.AddFeatureToggles().AddAspNetCore(o =>
            {
                o.UserIdClaimTypes.Clear();
                o.AnonymousIdCookieName = " ";
                o.OverrideQueryPrefix = "";
            }),
            a => a.UseFeatureToggles()));

        Assert.That(error!.Message, Does.Contain("UserIdClaimTypes").And.Contain("AnonymousIdCookieName").And.Contain("OverrideQueryPrefix"));
    }

    [Test]
    public void UseFeatureToggles_WithoutTheServices_SaysWhatToCall()
    {
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => MinimalHost.StartAsync(_ => { }, a => a.UseFeatureToggles()));

        Assert.That(error!.Message, Does.Contain("AddFeatureToggles().AddAspNetCore()"));
    }
}
