using FeatureFlags.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FeatureFlags.PostgreSql.Tests;

/// <summary>
/// <c>UsePostgreSql</c> with a data source the application built (token authentication, a shared pool) or a callback
/// on the builders of the store's own data sources, and options bound from configuration with code winning.
/// </summary>
public class PostgreSqlDataSourceTests
{
    private static readonly ToggleAuditInfo Ana = new("ana");

    [Test]
    public async Task DataSourcePassedIn_ReadsAndWritesGoThroughIt_AndItIsNotDisposed()
    {
        var theirs = await SharedServer.Server.CreateDatabaseAsync();
        var configured = await SharedServer.Server.CreateDatabaseAsync();
        var application = "ff-shared-" + Guid.NewGuid().ToString("N")[..8];
        var builder = new NpgsqlDataSourceBuilder(theirs);
        builder.ConnectionStringBuilder.ApplicationName = application;
        await using var dataSource = builder.Build();

        await using (var provider = Provider(new() { ["FeatureToggles:Store:ConnectionString"] = configured }, b => b.UsePostgreSql(dataSource)))
        {
            var store = provider.GetRequiredService<IToggleStore>();
            var written = await store.SetAsync("shop.kill", "{}", 0, Ana);
            Assert.That(await store.GetAsync("shop.kill"), Is.EqualTo(written));
            Assert.That(await CountSessionsAsync(application), Is.GreaterThan(0), "the store's connections are the data source's");
        }

        Assert.That(await ScalarAsync(theirs, "SELECT value FROM ff_state WHERE key = 'shop.kill'"), Is.EqualTo("{}"), "written to the data source's database");
        Assert.That(await ScalarAsync(configured, "SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename LIKE 'ff\\_%'"), Is.EqualTo(0L), "code wins over the configured connection string");
        await using var stillOpen = await dataSource.OpenConnectionAsync();
        Assert.That(stillOpen.State, Is.EqualTo(System.Data.ConnectionState.Open), "the application's data source outlives the store");
    }

    [Test]
    public async Task DataSourcePassedIn_TheListenerUsesItToo()
    {
        var database = await SharedServer.Server.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var writer = new PostgreSqlToggleStore(new PostgreSqlToggleStoreOptions { ConnectionString = database });
        await using var watcher = new PostgreSqlToggleStore(new PostgreSqlToggleStoreOptions { DataSource = dataSource });
        await writer.EnsureSchemaAsync();
        var (subscription, next) = await ChangeWatch.StartAsync(watcher, "shop.kill");
        using var _ = subscription;

        var written = await writer.SetAsync("shop.kill", "{}", 0, Ana);

        var change = await next;
        Assert.That((change.Kind, change.Record), Is.EqualTo((ToggleStoreChangeKind.Written, written)), "sealed, opened with the key read through the data source");
    }

    [Test]
    public async Task ConfigureDataSource_RunsOnTheStoresOwnBuilders()
    {
        var database = await SharedServer.Server.CreateDatabaseAsync();
        var application = "ff-callback-" + Guid.NewGuid().ToString("N")[..8];
        var built = 0;
        await using var provider = Provider([], b => b.UsePostgreSql(database, o => o.ConfigureDataSource = builder =>
        {
            Interlocked.Increment(ref built);
            builder.ConnectionStringBuilder.ApplicationName = application;
        }));

        var store = provider.GetRequiredService<IToggleStore>();
        await store.SetAsync("shop.kill", "{}", 0, Ana);

        Assert.That(built, Is.EqualTo(2), "the query pool's builder and the listener's");
        Assert.That(await CountSessionsAsync(application), Is.GreaterThan(0), "the store's sessions carry what the callback set");
    }

    [Test]
    public void DataSourceWithReadOnly_OrACallbackWithNothingToBuild_FailsNamingTheKeys()
    {
        using var dataSource = NpgsqlDataSource.Create(SharedServer.Server.ConnectionStringFor("postgres"));
        using var provider = Provider([], b => b.UsePostgreSql(dataSource, o =>
        {
            o.ReadOnly = true;
            o.ConfigureDataSource = _ => { };
        }));

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IToggleStore>());

        Assert.That(ex!.Message, Does.Contain("FeatureToggles:Store:ReadOnly").And.Contain("FeatureToggles:Store:ConfigureDataSource"));
    }

    [Test]
    public async Task UsePostgreSql_WithoutArguments_BindsTheStoreSection()
    {
        var database = await SharedServer.Server.CreateDatabaseAsync();
        await using var provider = Provider(
            new() { ["FeatureToggles:Store:ConnectionString"] = database, ["FeatureToggles:Store:NotificationChannel"] = "ff_bound", ["FeatureToggles:Store:KeepAliveInterval"] = "00:00:30" },
            b => b.UsePostgreSql());

        var options = provider.GetRequiredService<IOptions<PostgreSqlToggleStoreOptions>>().Value;

        Assert.That((options.ConnectionString, options.NotificationChannel, options.KeepAliveInterval), Is.EqualTo((database, "ff_bound", TimeSpan.FromSeconds(30))));
    }

    private static ServiceProvider Provider(Dictionary<string, string?> configuration, Action<FeatureTogglesBuilder> use)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        use(services.AddFeatureToggles());
        return services.BuildServiceProvider();
    }

    private static async Task<long> CountSessionsAsync(string application)
        => (long)(await ScalarAsync(SharedServer.Server.AdminConnectionString, $"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{application}'"))!;

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
