using System.Net;
using FeatureFlags.Samples.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.AspNetCore.Tests;

/// <summary>
/// The README's five-line ASP.NET Core wiring, verbatim apart from the database path and the test server.
/// </summary>
public sealed class ReadmeExampleTests
{
    [Test]
    public async Task FiveLineWiring_GatesAndServesState()
    {
        using var folder = new TempFolder("featureflags-readme-");
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication();

        builder.Services.AddFeatureToggles().UseSqlite($"Data Source={folder.PathOf("toggles.db")}").AddTogglesFromAssemblyContaining<Program>().AddAspNetCore();
        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseFeatureToggles();
        app.MapGet("/checkout", () => "new checkout").RequireToggle(StorefrontToggles.NewCheckout);
        app.MapToggleState("/api/toggles");

        await app.StartAsync();
        using var client = app.GetTestClient();
        var closed = await client.GetAsync("/checkout");
        await app.Services.GetRequiredService<IToggleAdmin>().SetAsync(StorefrontToggles.NewCheckout, new FlagRules { Everyone = true }, new ToggleActor("readme", "checkout-team"));
        var open = await client.GetAsync("/checkout");
        var state = await client.GetStringAsync("/api/toggles");
        await app.StopAsync();

        Assert.That((closed.StatusCode, open.StatusCode), Is.EqualTo((HttpStatusCode.NotFound, HttpStatusCode.OK)));
        Assert.That(state, Does.Contain("\"storefront.new_checkout\":true"));
    }
}
