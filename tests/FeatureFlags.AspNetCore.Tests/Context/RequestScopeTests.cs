using FeatureFlags.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace FeatureFlags.AspNetCore.Tests.Context;

public sealed class RequestScopeTests
{
    [Test]
    public async Task ARequest_KeepsItsFirstAnswer_WhenTheToggleFlipsMidRequest_AndTheNextRequestSeesTheChange()
    {
        await using var app = await MinimalHost.StartAsync(
            b => b.Services.AddFeatureToggles().AddToggles(WiringToggles.Banner).AddAspNetCore(),
            a =>
            {
                a.UseFeatureToggles();
                a.MapGet("/flip", async (IToggles toggles, IToggleAdmin admin, HttpContext http) =>
                {
                    var before = toggles.IsEnabled(WiringToggles.Banner);
                    await admin.SetAsync(WiringToggles.Banner, !before, new ToggleActor("ops"));
                    var after = toggles.IsEnabled(WiringToggles.Banner);
                    var outsideTheScope = toggles.IsEnabled(WiringToggles.Banner, ToggleContext.Anonymous);
                    return $"{before}|{after}|{outsideTheScope}|{http.GetToggleContext() is not null}";
                });
            });
        using var client = app.GetTestClient();

        var first = await client.GetStringAsync("/flip");
        var second = await client.GetStringAsync("/flip");

        Assert.That(first, Is.EqualTo("False|False|True|True"), "one answer for the request; a fresh context sees the flip");
        Assert.That(second, Is.EqualTo("True|True|False|True"), "the next request starts from the new state");
    }
}
