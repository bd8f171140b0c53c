using System.Net;
using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.AspNetCore.Tests.Administration;

/// <summary>
/// The SQLite file is deleted under a running web application, then a backup is restored in which the kill switch was
/// flipped with the CLI. Before this was handled, writes answered 200 into the deleted file, health stayed Healthy, and
/// the restored backup never reached the application.
/// </summary>
public sealed class DeletedSqliteFileTests
{
    private const string Admin = "toggle-admin";
    private static readonly string KillSwitch = $"/admin/toggles/{ContractToggles.Kill.FullName}/switch";
    private static readonly string Rollout = $"/admin/toggles/{ContractToggles.Rollout.FullName}/flag";

    private TempFolder _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempFolder("ff-web-filefault-");

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public async Task FileDeleted_HealthDegradedAndWrites503_RestoredBackupWithCliKillSwitchIsServed_NoPhantomWritesAfterRestart()
    {
        var path = _folder.PathOf("toggles.db");
        var backup = _folder.PathOf("backup.db");
        await using (var app = await StartAsync(path))
        {
            using var client = app.GetTestClient();
            var on = await client.SendAsync(Http.Write(HttpMethod.Put, KillSwitch, new { enabled = true, reason = "launch" }, "\"0\"", "ops", Admin));
            Assert.That(on.StatusCode, Is.EqualTo(HttpStatusCode.OK), await on.Content.ReadAsStringAsync());
            Assert.That(await client.GetStringAsync("/health"), Is.EqualTo("Healthy"));
            await BackUpAsync(path, backup);

            File.Delete(path);
            var degraded = await HealthPoll.UntilAsync(async () => await client.GetStringAsync("/health") == "Degraded");
            var refused = await client.SendAsync(Http.Write(HttpMethod.Put, Rollout, new { rules = new { everyone = true }, reason = "while missing" }, "*", "ops", Admin));
            var servedWhileMissing = await client.GetStringAsync("/kill");

            using var cliOutput = new StringWriter();
            using var cliError = new StringWriter();
            var cli = await TogglesCommand.RunAsync(["switch", ContractToggles.Kill.FullName, "off", "--sqlite", backup, "--actor", "oncall", "--reason", "incident in the backup"], cliOutput, cliError);

            var monitor = app.Services.GetRequiredService<IToggleStateMonitor>();
            var toggles = app.Services.GetRequiredService<IToggles>();
            var restored = StateChanges.WhenAsync(monitor, () => monitor.IsStoreAvailable && !toggles.IsEnabled(ContractToggles.Kill));
            File.Move(backup, path);
            await restored.WaitAsync(TimeSpan.FromSeconds(30));
            var servedAfterRestore = await client.GetStringAsync("/kill");
            var healthAfterRestore = await client.GetStringAsync("/health");
            var afterRestore = await client.SendAsync(Http.Write(HttpMethod.Put, Rollout, new { rules = new { everyone = true }, reason = "after the restore" }, "*", "ops", Admin));

            Assert.Multiple(() =>
            {
                Assert.That(degraded, Is.True, "health is Degraded while the file is missing");
                Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(refused.Headers.RetryAfter, Is.Not.Null);
                Assert.That(servedWhileMissing, Is.EqualTo("True"), "the last known state is served meanwhile");
                Assert.That(cli, Is.EqualTo(ExitCodes.Ok), cliError.ToString());
                Assert.That(servedAfterRestore, Is.EqualTo("False"), "the kill switch flipped in the restored backup is served");
                Assert.That(healthAfterRestore, Is.EqualTo("Healthy"));
                Assert.That(afterRestore.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            });
        }

        // A restart: the state is the restored file's plus the write made after the restore, and nothing else.
        await using (var restarted = await StartAsync(path))
        {
            using var client = restarted.GetTestClient();
            var killHistory = await (await client.SendAsync(Http.Get($"/admin/toggles/{ContractToggles.Kill.FullName}/history", "ops", Admin))).JsonAsync();
            var rolloutHistory = await (await client.SendAsync(Http.Get($"/admin/toggles/{ContractToggles.Rollout.FullName}/history", "ops", Admin))).JsonAsync();

            var served = await client.GetStringAsync("/kill");

            Assert.Multiple(() =>
            {
                Assert.That(served, Is.EqualTo("False"));
                Assert.That(killHistory.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("reason").GetString()), Is.EquivalentTo(new[] { "launch", "incident in the backup" }));
                Assert.That(rolloutHistory.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("reason").GetString()), Is.EquivalentTo(new[] { "after the restore" }), "the write refused while the file was missing is nowhere");
            });
        }
    }

    private static Task<WebApplication> StartAsync(string path)
        => MinimalHost.StartAsync(
            b =>
            {
                // The retry delay is an hour: the restored file can only reach the application through the store's
                // notice of it, never through a retry timer.
                b.Services.AddFeatureToggles(o =>
                    {
                        o.StoreRetryDelay = TimeSpan.FromHours(1);
                        o.MaxStoreRetryDelay = TimeSpan.FromHours(1);
                    })
                    .AddToggles(ContractToggles.All)
                    .UseSqlite($"Data Source={path}", o => o.PollInterval = TimeSpan.FromMilliseconds(50))
                    .AddAspNetCore();
                b.Services.AddAuthorizationBuilder().AddPolicy("ToggleAdmins", policy => policy.RequireAuthenticatedUser().RequireRole(Admin));
                b.Services.AddHealthChecks().AddFeatureToggleStore();
            },
            a =>
            {
                a.UseAuthentication();
                a.UseAuthorization();
                a.UseFeatureToggles();
                a.MapGet("/kill", (IToggles toggles) => toggles.IsEnabled(ContractToggles.Kill).ToString());
                a.MapToggleAdmin("/admin/toggles", "ToggleAdmins");
                a.MapHealthChecks("/health");
            });

    /// <summary>A consistent copy of the live database, as <c>sqlite3 toggles.db ".backup backup.db"</c> makes.</summary>
    private static async Task BackUpAsync(string path, string backup)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO @Backup";
        command.Parameters.AddWithValue("@Backup", backup);
        await command.ExecuteNonQueryAsync();
    }
}
