using System.Net;
using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.AspNetCore.Tests.Administration;

/// <summary>
/// A store that cannot serve a write is 503 with Retry-After and a problem body, never a bare 500.
/// </summary>
public sealed class AdminStoreFailureTests
{
    [Test]
    public async Task LockedSqliteFile_Is503WithRetryAfter_AndNothingIsWritten()
    {
        using var folder = new TempFolder("featureflags-locked-");
        var path = folder.PathOf("toggles.db");
        await using var app = await StartAsync(b => b.UseSqlite($"Data Source={path}", o => o.BusyTimeout = TimeSpan.FromMilliseconds(200)));
        using var client = app.GetTestClient();
        await app.Services.GetRequiredService<IToggleAdmin>().SetAsync(WiringToggles.Beta, false, new ToggleActor("seed"));
        await using (var locker = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await locker.OpenAsync();
            using var exclusive = locker.CreateCommand();
            exclusive.CommandText = "BEGIN EXCLUSIVE;";
            await exclusive.ExecuteNonQueryAsync();

            var response = await client.SendAsync(Http.Write(HttpMethod.Put, "/admin/wiring.beta/switch", new { enabled = true }, "*", "ops", "admin"));

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            var problem = await response.JsonAsync();
            Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("StoreUnavailable"));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("Nothing was changed"));
        }

        var history = await app.Services.GetRequiredService<IToggleAdmin>().GetHistoryAsync(WiringToggles.Beta.FullName);
        Assert.That(history, Has.Count.EqualTo(1), "only the seed");
    }

    [Test]
    public async Task UnreachableStore_Is503_ForReadsAndWrites()
    {
        var store = new HookableToggleStore(new InMemoryToggleStore());
        await using var app = await StartAsync(b => b.UseStore(_ => store));
        using var client = app.GetTestClient();
        store.GoDown();

        var write = await client.SendAsync(Http.Write(HttpMethod.Put, "/admin/wiring.beta/switch", new { enabled = true }, "*", "ops", "admin"));
        var history = await client.SendAsync(Http.Get("/admin/wiring.beta/history", "ops", "admin"));

        Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(history.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(write.Headers.RetryAfter, Is.Not.Null);
    }

    private static Task<WebApplication> StartAsync(Action<FeatureTogglesBuilder> store)
        => MinimalHost.StartAsync(
            b =>
            {
                store(b.Services.AddFeatureToggles().AddToggles(WiringToggles.Beta).AddAspNetCore());
                b.Services.AddAuthorizationBuilder().AddPolicy("admins", p => p.RequireRole("admin"));
            },
            a =>
            {
                a.UseAuthentication();
                a.UseAuthorization();
                a.MapToggleAdmin("/admin", "admins");
            });
}
