using FeatureFlags.Storage;

namespace FeatureFlags.Sqlite.Tests;

/// <summary>
/// Disposal closes every connection to the file, synchronously as well as asynchronously: SQLite then checkpoints and
/// removes the write-ahead log, which it keeps while any connection is open.
/// </summary>
public class SqliteDisposeTests
{
    private SqliteFiles _files = null!;

    [SetUp]
    public void CreateFolder() => _files = new SqliteFiles();

    [TearDown]
    public void DeleteFolder() => _files.Dispose();

    [TestCase(false)]
    [TestCase(true)]
    public async Task Dispose_ClosesEveryConnection_SoTheWalIsRemoved(bool async)
    {
        var connectionString = _files.NewConnectionString();
        var path = connectionString["Data Source=".Length..];
        var store = new SqliteToggleStore(new SqliteToggleStoreOptions { ConnectionString = connectionString });
        await store.SetAsync("tests.kill", "{\"v\":1,\"kind\":\"switch\",\"on\":true}", 0, new ToggleAuditInfo("ana", null));
        Assert.That(File.Exists(path + "-wal"), Is.True, "the store is open in WAL mode");

        if (async)
        {
            await store.DisposeAsync();
        }
        else
        {
            store.Dispose();
        }

        Assert.That(File.Exists(path + "-wal"), Is.False, "a connection is still open");
    }
}
