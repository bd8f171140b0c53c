using FeatureFlags.Storage;
using Npgsql;

namespace FeatureFlags.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL part of the schema: the notification key (<c>ff_secret</c>) is created by the PostgreSQL store, with
/// a new database and on an in-place upgrade, and a key already there is kept.
/// </summary>
public class PostgreSqlSchemaTests
{
    [Test]
    public async Task UpgradeFromVersion1_CreatesTheNotificationKey_AndWritesAreSealed()
    {
        var database = await SharedServer.Server.CreateDatabaseAsync();
        await ExecuteAsync(database, """
            CREATE TABLE ff_meta (name TEXT NOT NULL PRIMARY KEY, value BIGINT NOT NULL);
            CREATE TABLE ff_state (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL, version BIGINT NOT NULL, created_at BIGINT NOT NULL, modified_at BIGINT NOT NULL, modified_by TEXT NOT NULL);
            CREATE TABLE ff_audit (version BIGINT NOT NULL PRIMARY KEY, key TEXT NOT NULL, action TEXT NOT NULL, before_value TEXT NULL, after_value TEXT NULL, actor TEXT NOT NULL, reason TEXT NULL, at BIGINT NOT NULL);
            INSERT INTO ff_meta (name, value) VALUES ('schema_version', 1), ('version', 0);
            """);
        await using var listener = await ListenAsync(database);
        await using var store = new PostgreSqlToggleStore(new PostgreSqlToggleStoreOptions { ConnectionString = database });

        await store.SetAsync("shop.kill", "{}", 0, new ToggleAuditInfo("ana"));
        var payload = await listener.NextAsync();

        Assert.That(await ScalarAsync(database, "SELECT count(*) FROM ff_secret WHERE name = 'notification_key'"), Is.EqualTo(1L));
        Assert.That(payload, Does.StartWith("s1:"), "sealed with the key the upgrade created");
    }

    [Test]
    public async Task ExistingNotificationKey_IsKeptWhenTheSchemaIsUpgraded()
    {
        var database = await SharedServer.Server.CreateDatabaseAsync();
        await using (var first = new PostgreSqlToggleStore(new PostgreSqlToggleStoreOptions { ConnectionString = database }))
        {
            await first.EnsureSchemaAsync();
        }

        var key = await ScalarAsync(database, "SELECT value FROM ff_secret WHERE name = 'notification_key'");
        await ExecuteAsync(database, "UPDATE ff_meta SET value = 1 WHERE name = 'schema_version'; ALTER TABLE ff_audit DROP COLUMN writer;");
        await using (var upgrading = new PostgreSqlToggleStore(new PostgreSqlToggleStoreOptions { ConnectionString = database }))
        {
            await upgrading.EnsureSchemaAsync();
        }

        Assert.That(await ScalarAsync(database, "SELECT value FROM ff_meta WHERE name = 'schema_version'"), Is.EqualTo(2L), "upgraded");
        Assert.That(await ScalarAsync(database, "SELECT value FROM ff_secret WHERE name = 'notification_key'"), Is.EqualTo(key), "instances that hold the key can still open what others seal");
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<Listener> ListenAsync(string database)
    {
        var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var listener = new Listener(connection);
        await using var listen = new NpgsqlCommand("LISTEN featureflags_changes", connection);
        await listen.ExecuteNonQueryAsync();
        return listener;
    }

    /// <summary>A raw LISTEN session: what the channel carries, as any role that may connect sees it.</summary>
    private sealed class Listener : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly TaskCompletionSource<string> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Listener(NpgsqlConnection connection)
        {
            _connection = connection;
            connection.Notification += (_, e) => _first.TrySetResult(e.Payload);
        }

        public async Task<string> NextAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (!_first.Task.IsCompleted)
            {
                await _connection.WaitAsync(timeout.Token);
            }

            return await _first.Task;
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}
