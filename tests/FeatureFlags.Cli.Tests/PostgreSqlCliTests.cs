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
