using FeatureFlags.Storage;
using Microsoft.Data.Sqlite;

namespace FeatureFlags.Sqlite.Tests;

public class SqliteToggleStoreOptionsTests
{
    [Test]
    public void Options_Invalid_OneMessageListsEveryProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SqliteToggleStore(new SqliteToggleStoreOptions
        {
            ConnectionString = " ",
            PollInterval = TimeSpan.Zero,
            BusyTimeout = TimeSpan.FromSeconds(-1),
        }));

        Assert.That(ex!.Message, Does.Contain("ConnectionString").And.Contain("PollInterval").And.Contain("BusyTimeout"));
    }

    [Test]
    public void ConnectionString_Malformed_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SqliteToggleStore(new SqliteToggleStoreOptions { ConnectionString = "Nonsense Key=1" }));
        Assert.That(ex!.Message, Does.Contain("Invalid SQLite connection string"));
    }

    [Test]
    public async Task Database_FromANewerLibraryVersion_RefusedWithUpgradeAdvice()
    {
        using var files = new SqliteFiles();
        var database = files.NewConnectionString();
        await using (var store = new SqliteToggleStore(new SqliteToggleStoreOptions { ConnectionString = database }))
        {
            await store.EnsureSchemaAsync();
        }

        await using (var connection = new SqliteConnection(database))
        {
            await connection.OpenAsync();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE ff_meta SET value = 99 WHERE name = 'schema_version'";
            await command.ExecuteNonQueryAsync();
        }

        await using var newer = new SqliteToggleStore(new SqliteToggleStoreOptions { ConnectionString = database });
        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () => await newer.GetAsync("a.b"));
        Assert.That(ex!.Message, Does.Contain("schema version 99").And.Contain("Upgrade"));
    }

    [Test]
    public void UseSqlite_EmptyConnectionString_Throws()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Assert.Throws<ArgumentException>(() => services.AddFeatureToggles().UseSqlite(""));
    }

    [Test]
    public async Task Store_UnreachablePath_ReadFailsWithSqliteError()
    {
        await using var store = new SqliteToggleStore(new SqliteToggleStoreOptions { ConnectionString = "Data Source=/nonexistent-dir/x/toggles.db" });
        Assert.ThrowsAsync<SqliteException>(async () => await store.ListAsync(string.Empty));
    }

    [Test]
    public async Task Subscribe_FirstLookAsksForReload_ThenSeesWritesOfAnotherInstanceWithTheirRecords()
    {
        using var files = new SqliteFiles();
        var database = files.NewConnectionString();
        await using var writer = new SqliteToggleStore(new SqliteToggleStoreOptions { ConnectionString = database });
        await using var watcher = new SqliteToggleStore(new SqliteToggleStoreOptions { ConnectionString = database, PollInterval = TimeSpan.FromMilliseconds(50) });
        await writer.EnsureSchemaAsync();
        var firstLook = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new TaskCompletionSource<ToggleStoreChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = watcher.Subscribe(c =>
        {
            if (c.Kind == ToggleStoreChangeKind.Everything)
            {
                firstLook.TrySetResult();
            }
            else if (c.Key == "x.y")
            {
                seen.TrySetResult(c);
            }
        });
        await firstLook.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var written = await writer.SetAsync("x.y", "{}", 0, new ToggleAuditInfo("ana"));
        var change = await seen.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That((change.Record, change.Version, change.Writer), Is.EqualTo((written, written.Version, writer.InstanceId)),
            "the change table carries the version and the writer, and the poll the record: nothing to read back");
    }
}
