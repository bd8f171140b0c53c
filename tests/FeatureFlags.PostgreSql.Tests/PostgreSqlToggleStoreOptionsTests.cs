using FeatureFlags.Storage;
using Npgsql;

namespace FeatureFlags.PostgreSql.Tests;

public class PostgreSqlToggleStoreOptionsTests
{
    [Test]
    public void Options_Invalid_OneMessageListsEveryProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PostgreSqlToggleStore(new PostgreSqlToggleStoreOptions
        {
            ConnectionString = "",
            NotificationChannel = "Bad-Channel; DROP TABLE x",
            ReconnectDelay = TimeSpan.Zero,
        }));

        Assert.That(ex!.Message, Does.Contain("ConnectionString").And.Contain("NotificationChannel").And.Contain("ReconnectDelay"));
    }

    [Test]
    public void ConnectionString_Malformed_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PostgreSqlToggleStore(new PostgreSqlToggleStoreOptions { ConnectionString = "Nonsense=1" }));
        Assert.That(ex!.Message, Does.Contain("Invalid PostgreSQL connection string"));
    }

    [Test]
    public async Task WrongCredentials_FailWithPostgresError()
    {
        var connectionString = SharedServer.Server.ConnectionStringFor("no_such_database");
        await using var store = new PostgreSqlToggleStore(new PostgreSqlToggleStoreOptions { ConnectionString = connectionString });

        var ex = Assert.ThrowsAsync<PostgresException>(async () => await store.ListAsync(string.Empty));
        Assert.That(ex!.SqlState, Is.EqualTo("3D000"));
    }

    [Test]
    public async Task Database_FromANewerLibraryVersion_RefusedWithUpgradeAdvice()
    {
        var database = await SharedServer.Server.CreateDatabaseAsync();
        await using (var store = new PostgreSqlToggleStore(new PostgreSqlToggleStoreOptions { ConnectionString = database }))
        {
            await store.EnsureSchemaAsync();
        }

        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE ff_meta SET value = 42 WHERE name = 'schema_version'", connection);
            await command.ExecuteNonQueryAsync();
        }

        await using var newer = new PostgreSqlToggleStore(new PostgreSqlToggleStoreOptions { ConnectionString = database });
        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () => await newer.GetAsync("a.b"));
        Assert.That(ex!.Message, Does.Contain("schema version 42"));
    }

    [Test]
    public async Task Subscribe_NotifiesKeysWrittenByAnotherInstance()
    {
        var database = await SharedServer.Server.CreateDatabaseAsync();
        await using var writer = new PostgreSqlToggleStore(new PostgreSqlToggleStoreOptions { ConnectionString = database });
        await using var watcher = new PostgreSqlToggleStore(new PostgreSqlToggleStoreOptions { ConnectionString = database });
        await writer.EnsureSchemaAsync();
        var (subscription, next) = await ChangeWatch.StartAsync(watcher, "x.y/org/o'neil");
        using var _ = subscription;

        var written = await writer.SetAsync("x.y/org/o'neil", "{}", 0, new ToggleAuditInfo("ana"));

        var change = await next;
        Assert.That((change.Record, change.Version, change.Writer), Is.EqualTo((written, written.Version, writer.InstanceId)), "the notification carries the record, its version and its writer");
        Assert.That(writer.InstanceId, Is.Not.EqualTo(watcher.InstanceId));
    }
}
