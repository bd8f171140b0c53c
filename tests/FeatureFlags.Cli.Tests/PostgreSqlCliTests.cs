namespace FeatureFlags.Cli.Tests;

public class PostgreSqlCliTests : CliContractTests
{
    private PostgresServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await PostgresServer.StartOrIgnoreAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    protected override async Task<string[]> NewStoreAsync()
    {
        var connection = await _server.CreateDatabaseAsync("cli");
        await using (var store = new PostgreSql.PostgreSqlToggleStore(new PostgreSql.PostgreSqlToggleStoreOptions { ConnectionString = connection }))
        {
            await store.EnsureSchemaAsync();
        }

        return ["--postgres", connection];
    }

    protected override void UseStore(FeatureTogglesBuilder builder, string[] store) => builder.UsePostgreSql(store[1]);

    protected override System.Data.Common.DbConnection Connect(string[] store) => new Npgsql.NpgsqlConnection(store[1]);

    [Test]
    public async Task DatabaseWithoutTheSchema_ReadsAndPlainWritesAreExitThree_AndCreateNothing_UntilCreate()
    {
        string[] empty = ["--postgres", await _server.CreateDatabaseAsync("cli_empty")];
        var assembly = typeof(ContractToggles).Assembly.Location;

        var list = await RunAsync(empty, "list");
        var history = await RunAsync(empty, "history", "contract.kill");
        var write = await RunAsync(empty, "switch", "contract.kill", "on", "--assembly", assembly);
        var tablesBefore = await CountTogglesTablesAsync(empty);
        var created = await RunAsync(empty, "switch", "contract.kill", "on", "--assembly", assembly, "--create");

        Assert.Multiple(async () =>
        {
            Assert.That(new[] { list.Code, history.Code, write.Code }, Is.All.EqualTo(ExitCodes.Connection));
            Assert.That(list.Error, Does.Contain("has no FeatureFlags toggle schema"));
            Assert.That(tablesBefore, Is.Zero, "no tables created by reads or by a write without --create");
            Assert.That(created.Code, Is.EqualTo(ExitCodes.Ok), created.Error);
            Assert.That(await CountTogglesTablesAsync(empty), Is.EqualTo(4), "ff_meta, ff_state, ff_audit and ff_secret");
        });
    }

    [Test]
    public async Task ReadOnlyStore_AsReadCommandsOpenIt_TheServerRefusesItsWrites()
    {
        var store = await NewStoreAsync();
        await RunAsync(store, "switch", "contract.kill", "on", "--create");

        // The read-only option rides on the connection string; a write through such a session is refused by the server.
        var options = new PostgreSql.PostgreSqlToggleStoreOptions { ConnectionString = store[1], ReadOnly = true };
        await using var readOnly = new PostgreSql.PostgreSqlToggleStore(options);
        var records = await readOnly.ListAsync(string.Empty);
        var write = Assert.CatchAsync(async () => await readOnly.SetAsync("contract.kill", records[0].Value, records[0].Version, new Storage.ToggleAuditInfo("ops", null)));

        Assert.That(records, Has.Count.EqualTo(1));
        Assert.That(write, Is.InstanceOf<Npgsql.PostgresException>().With.Property("SqlState").EqualTo("25006"), "read_only_sql_transaction");
    }

    private static async Task<long> CountTogglesTablesAsync(string[] store)
    {
        await using var connection = new Npgsql.NpgsqlConnection(store[1]);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename LIKE 'ff\\_%'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Test]
    public async Task UnreachableServer_IsAConnectionError()
    {
        var result = await RunAsync(["--postgres", _server.ConnectionStringFor("postgres", port: 1)], "list");

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Connection));
        Assert.That(result.Error, Does.StartWith("toggles: cannot use the toggle store"));
    }

    [Test]
    public async Task UnknownDatabase_IsAConnectionError()
    {
        var result = await RunAsync(["--postgres", _server.ConnectionStringFor("no_such_db")], "list");

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Connection));
        Assert.That(result.Error, Does.Contain("no_such_db"));
    }
}
