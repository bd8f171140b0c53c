using FeatureFlags.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FeatureFlags.Sqlite.Tests;

/// <summary>
/// The database file is deleted or replaced under a running application. Pooled connections would keep using the old
/// file, so every write would succeed into a file nobody opens again; instead the store notices, fails writes while
/// the file is missing, and reloads from whatever file is there.
/// </summary>
/// <remarks>
/// The caches' retry delay is an hour: the reloads seen here can only come from the store's own notice of the file,
/// never from a retry timer.
/// </remarks>
public class SqliteFileFaultTests
{
    private const int FileMissing = 201;
    private const int FileReplaced = 202;

    private TempFolder _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempFolder("ff-filefault-");

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public async Task FileDeleted_DegradedAndWritesFail_NothingLandsAnywhere_RestoredBackupIsServed()
    {
        var path = _folder.PathOf("toggles.db");
        var backup = _folder.PathOf("backup.db");
        using (var app = Create(path))
        {
            await app.Admin.SetAsync(ContractToggles.Kill, true, ToggleHarness.Operator, "before the backup");
            await BackUpAsync(path, backup);
            Assert.That(await HealthPoll.StatusAsync(app.Provider, HealthStatus.Healthy), Is.True);

            File.Delete(path);
            var degraded = await HealthPoll.StatusAsync(app.Provider, HealthStatus.Degraded);
            var write = Assert.ThrowsAsync<ToggleStoreUnavailableException>(async () =>
                await app.Admin.SetAsync(ContractToggles.Rollout, new FlagRules { Everyone = true }, ToggleHarness.Operator, "while missing"));
            var servedWhileMissing = app.Toggles.IsEnabled(ContractToggles.Kill);
            var staleWal = File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0;

            // An operator flips the kill switch in the backup, then restores it.
            await using (var other = new SqliteToggleStore(new SqliteToggleStoreOptions { ConnectionString = $"Data Source={backup}" }))
            {
                var current = await other.GetAsync(ContractToggles.Kill.FullName);
                await other.SetAsync(ContractToggles.Kill.FullName, StoredValues.Switch(false), current!.Version, new ToggleAuditInfo("ops", "kill in the backup"));
            }

            var restored = app.WhenApplied(() => !app.Toggles.IsEnabled(ContractToggles.Kill) && app.Provider.GetRequiredService<IToggleStateMonitor>().IsStoreAvailable);
            File.Move(backup, path);
            await restored.WaitAsync(TimeSpan.FromSeconds(30));
            await app.Admin.SetAsync(ContractToggles.Pilot, new FlagRules { Everyone = true }, ToggleHarness.Operator, "after the restore");

            Assert.Multiple(() =>
            {
                Assert.That(degraded, Is.True, "health is Degraded while the file is missing");
                Assert.That(write!.Code, Is.EqualTo(ToggleErrorCode.StoreUnavailable));
                Assert.That(servedWhileMissing, Is.True, "the last known state is served meanwhile");
                Assert.That(staleWal, Is.Zero, "the deleted file's WAL holds nothing that could be replayed into a restored file");
                Assert.That(app.Logs.WithEventId(FileMissing), Has.Count.EqualTo(1));
            });
        }

        // After a restart: exactly the restored file's state plus the write made after the restore.
        await using var reopened = new SqliteToggleStore(new SqliteToggleStoreOptions { ConnectionString = $"Data Source={path}" });
        var records = await reopened.ListAsync(string.Empty);
        var history = await reopened.GetHistoryAsync(ContractToggles.Rollout.FullName);
        Assert.Multiple(() =>
        {
            Assert.That(records.Select(r => r.Key), Is.EquivalentTo(new[] { ContractToggles.Kill.FullName, ContractToggles.Pilot.FullName }));
            Assert.That(records.Single(r => r.Key == ContractToggles.Kill.FullName).Value, Is.EqualTo(StoredValues.Switch(false)), "the kill switch flipped in the backup");
            Assert.That(history, Is.Empty, "the write refused while the file was missing is nowhere");
        });
    }

    [Test]
    public async Task FileReplacedByRename_StateReloadedFromTheNewFile_AndLaterWritesLandInIt()
    {
        var path = _folder.PathOf("toggles.db");
        var replacement = _folder.PathOf("replacement.db");
        await using (var other = new SqliteToggleStore(new SqliteToggleStoreOptions { ConnectionString = $"Data Source={replacement}" }))
        {
            // A higher version than the live file will reach: the counter alone would not reveal the swap.
            for (var i = 0; i < 5; i++)
            {
                await other.SetAsync($"contract.filler{i}", "{}", 0, new ToggleAuditInfo("seed"));
            }

            await other.SetAsync(ContractToggles.Kill.FullName, StoredValues.Switch(false), 0, new ToggleAuditInfo("ops"));
        }

        using (var app = Create(path))
        {
            await app.Admin.SetAsync(ContractToggles.Kill, true, ToggleHarness.Operator);
            var replaced = app.WhenApplied(() => !app.Toggles.IsEnabled(ContractToggles.Kill));
            File.Move(replacement, path, overwrite: true);
            await replaced.WaitAsync(TimeSpan.FromSeconds(30));
            await app.Admin.SetAsync(ContractToggles.Pilot, new FlagRules { Everyone = true }, ToggleHarness.Operator, "after the swap");

            Assert.That(app.Logs.WithEventId(FileReplaced), Has.Count.EqualTo(1));
            Assert.That(app.Logs.WithEventId(FileMissing), Is.Empty, "a rename over the file never leaves it missing");
        }

        await using var reopened = new SqliteToggleStore(new SqliteToggleStoreOptions { ConnectionString = $"Data Source={path}" });
        Assert.That(await reopened.GetAsync(ContractToggles.Pilot.FullName), Is.Not.Null, "the write after the swap is in the file now at the path");
    }

    private static ToggleHarness Create(string path)
        => ToggleHarness.Create(
            b =>
            {
                b.AddToggles(ContractToggles.All).UseSqlite($"Data Source={path}", o => o.PollInterval = TimeSpan.FromMilliseconds(50));
                b.Services.AddHealthChecks().AddCheck<ToggleStoreHealthCheck>("toggles");
            },
            o =>
            {
                o.StoreRetryDelay = TimeSpan.FromHours(1);
                o.MaxStoreRetryDelay = TimeSpan.FromHours(1);
            });

    /// <summary>A consistent copy of a live database, as <c>sqlite3 toggles.db ".backup backup.db"</c> makes.</summary>
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
