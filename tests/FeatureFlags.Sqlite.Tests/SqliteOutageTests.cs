using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace FeatureFlags.Sqlite.Tests;

/// <summary>
/// The database goes away (its folder disappears, as when a volume is unmounted) while eight threads evaluate; another
/// process changes the file meanwhile; when the folder is back the change is seen.
/// </summary>
public class SqliteOutageTests
{
    [Test]
    public async Task DatabaseGone_EvaluationKeepsLastKnown_HealthDegraded_ChangeMadeDuringOutageSeenAfter()
    {
        // The database's folder, and the name it has while it is away, both inside one temporary folder.
        using var root = new TempFolder("ff-outage-");
        var folder = Directory.CreateDirectory(root.PathOf("db")).FullName;
        await RunOutageAsync(folder, root.PathOf("db.away"));
    }

    private static async Task RunOutageAsync(string folder, string away)
    {
        var database = $"Data Source={Path.Combine(folder, "toggles.db")}";
        var services = new ServiceCollection();
        var logs = new ListLoggerProvider();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddFeatureToggles(o =>
            {
                o.StoreRetryDelay = TimeSpan.FromMilliseconds(50);
                o.MaxStoreRetryDelay = TimeSpan.FromMilliseconds(200);
                o.StoreOperationTimeout = TimeSpan.FromSeconds(2);
            })
            .AddToggles(ContractToggles.All)
            .UseSqlite(database, o => o.PollInterval = TimeSpan.FromMilliseconds(100));
        services.AddHealthChecks().AddCheck<ToggleStoreHealthCheck>("toggles");
        await using var provider = services.BuildServiceProvider();
        var toggles = provider.GetRequiredService<IToggles>();
        var admin = provider.GetRequiredService<IToggleAdmin>();
        await admin.SetAsync(ContractToggles.Kill, true, new ToggleActor("ana"));
        Assert.That(toggles.IsEnabled(ContractToggles.Kill), Is.True);
        Assert.That(await HealthPoll.StatusAsync(provider, HealthStatus.Healthy), Is.True);

        var failures = 0;
        var wrong = 0;
        using var stop = new CancellationTokenSource();
        var evaluators = Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if (!toggles.IsEnabled(ContractToggles.Kill))
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        // The outage: the folder goes away and idle pooled handles to the old file are dropped.
        Directory.Move(folder, away);
        SqliteConnection.ClearAllPools();
        var degraded = await HealthPoll.StatusAsync(provider, HealthStatus.Degraded);

        // Another process changes the database meanwhile.
        await using (var dba = new SqliteConnection($"Data Source={Path.Combine(away, "toggles.db")};Pooling=False"))
        {
            await dba.OpenAsync();
            using var change = dba.CreateCommand();
            change.CommandText = """
                BEGIN IMMEDIATE;
                UPDATE ff_meta SET value = value + 1 WHERE name = 'version';
                UPDATE ff_state SET value = '{"v":1,"kind":"switch","on":false}', version = (SELECT value FROM ff_meta WHERE name = 'version') WHERE key = 'contract.kill';
                INSERT INTO ff_audit (version, key, action, before_value, after_value, actor, reason, at)
                  SELECT value, 'contract.kill', 'Updated', NULL, '{"v":1,"kind":"switch","on":false}', 'dba', 'during outage', 0 FROM ff_meta WHERE name = 'version';
                COMMIT;
                """;
            await change.ExecuteNonQueryAsync();
        }

        var stillLastKnown = toggles.IsEnabled(ContractToggles.Kill);
        stop.Cancel();
        await Task.WhenAll(evaluators);

        var monitor = provider.GetRequiredService<IToggleStateMonitor>();
        var seen = StateChanges.WhenAsync(monitor, () => !toggles.IsEnabled(ContractToggles.Kill));
        Directory.Move(away, folder);
        var healthy = await HealthPoll.StatusAsync(provider, HealthStatus.Healthy);
        await seen.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(degraded, Is.True, "health reports Degraded while the store is unreachable");
            Assert.That(failures, Is.Zero, "no evaluation threw");
            Assert.That(wrong, Is.Zero, "last known state served throughout");
            Assert.That(stillLastKnown, Is.True);
            Assert.That(healthy, Is.True, "health recovers");
            Assert.That(toggles.IsEnabled(ContractToggles.Kill), Is.False, "the change made during the outage is seen after it");
            Assert.That(logs.WithEventId(1), Has.Count.EqualTo(1), "one warning for the outage");
        });
    }
}
