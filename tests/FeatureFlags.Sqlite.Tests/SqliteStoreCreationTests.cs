using FeatureFlags.Storage;
using Microsoft.Data.Sqlite;

namespace FeatureFlags.Sqlite.Tests;

/// <summary>
/// Stores that must not create: <see cref="Sql.SqlToggleStoreOptions.CreateIfMissing"/> off and
/// <see cref="Sql.SqlToggleStoreOptions.ReadOnly"/> leave a missing or foreign file exactly as it was.
/// </summary>
public class SqliteStoreCreationTests
{
    private TempFolder _folder = null!;

    [SetUp]
    public void Create() => _folder = new TempFolder("ff-create-");

    [TearDown]
    public void Delete() => _folder.Dispose();

    [TestCase(false)]
    [TestCase(true)]
    public async Task MissingFile_IsNotCreated(bool readOnly)
    {
        var path = _folder.PathOf("missing.db");
        await using var store = Open(path, readOnly);

        Assert.CatchAsync(async () => await store.ListAsync(string.Empty));
        Assert.That(Directory.GetFiles(_folder.FullName), Is.Empty);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task FileWithoutTheSchema_IsUnavailable_AndStaysEmpty(bool readOnly)
    {
        var path = _folder.PathOf("empty.db");
        await File.WriteAllBytesAsync(path, []);
        await using var store = Open(path, readOnly);

        var failure = Assert.CatchAsync(async () => await store.GetAsync("a.b"));

        Assert.That(failure, Is.InstanceOf<ToggleStoreUnavailableException>());
        Assert.That(failure!.Message, Does.Contain("no FeatureFlags toggle schema"));
        Assert.That(await File.ReadAllBytesAsync(path), Is.Empty);
    }

    [Test]
    public async Task ReadOnly_ReadsAToggleDatabase_RefusesWrites_AndLeavesTheFileAsItWas()
    {
        var path = _folder.PathOf("toggles.db");
        await using (var writer = new SqliteToggleStore(new SqliteToggleStoreOptions { ConnectionString = $"Data Source={path}" }))
        {
            await writer.SetAsync("a.b", StoredValues.Switch(true), 0, new ToggleAuditInfo("ops", null));
        }

        SqliteConnection.ClearAllPools();
        var before = await File.ReadAllBytesAsync(path);
        await using var store = Open(path, readOnly: true);

        var record = await store.GetAsync("a.b");
        var write = Assert.CatchAsync(async () => await store.SetAsync("a.b", record!.Value, record.Version, new ToggleAuditInfo("ops", null)));

        Assert.That(record!.Version, Is.EqualTo(1));
        Assert.That(write, Is.InstanceOf<SqliteException>().With.Property(nameof(SqliteException.SqliteErrorCode)).EqualTo(8), "SQLITE_READONLY");
        SqliteConnection.ClearAllPools();
        Assert.That(await File.ReadAllBytesAsync(path), Is.EqualTo(before));
    }

    /// <summary>The notification key (ff_secret) belongs to PostgreSQL's schema: a SQLite file has no channel to seal.</summary>
    [Test]
    public async Task NewFile_GetsTheSharedTablesOnly_NoFfSecret()
    {
        var path = _folder.PathOf("new.db");
        await using (var store = new SqliteToggleStore(new SqliteToggleStoreOptions { ConnectionString = $"Data Source={path}" }))
        {
            await store.SetAsync("a.b", StoredValues.Switch(true), 0, new ToggleAuditInfo("ops", null));
        }

        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.That(tables, Is.EqualTo(new[] { "ff_audit", "ff_meta", "ff_state" }));
    }

    private static SqliteToggleStore Open(string path, bool readOnly)
        => new(new SqliteToggleStoreOptions { ConnectionString = $"Data Source={path}", CreateIfMissing = false, ReadOnly = readOnly });
}
