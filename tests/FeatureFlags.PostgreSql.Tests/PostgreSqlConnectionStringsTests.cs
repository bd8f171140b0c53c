namespace FeatureFlags.PostgreSql.Tests;

public class PostgreSqlConnectionStringsTests
{
    private const string Server = "Host=db;Database=toggles;Username=app";

    [Test]
    public void Queries_NoIdleSettings_ClosesIdleConnectionsSoonerThanNpgsql()
    {
        var queries = PostgreSqlConnectionStrings.ForQueries(new PostgreSqlToggleStoreOptions { ConnectionString = Server });

        Assert.That(
            (queries.Pooling, queries.MinPoolSize, queries.ConnectionIdleLifetime, queries.ConnectionPruningInterval),
            Is.EqualTo((true, 0, PostgreSqlToggleStoreOptions.DefaultConnectionIdleLifetime, PostgreSqlToggleStoreOptions.DefaultConnectionPruningInterval)));
    }

    [Test]
    public void Queries_IdleSettingsInTheConnectionString_AreKept()
    {
        var queries = PostgreSqlConnectionStrings.ForQueries(new PostgreSqlToggleStoreOptions
        {
            ConnectionString = $"{Server};connection idle lifetime=600;ConnectionPruningInterval=60;Minimum Pool Size=2",
        });

        Assert.That((queries.MinPoolSize, queries.ConnectionIdleLifetime, queries.ConnectionPruningInterval), Is.EqualTo((2, 600, 60)));
    }

    [TestCase("Connection Idle Lifetime=2", 2, 2)]
    [TestCase("Connection Pruning Interval=60", 60, 60)]
    public void Queries_OneIdleSettingGiven_TheDefaultOfTheOtherFitsAroundIt(string setting, int lifetime, int interval)
    {
        var options = new PostgreSqlToggleStoreOptions { ConnectionString = $"{Server};{setting}" };

        var queries = PostgreSqlConnectionStrings.ForQueries(options);

        Assert.That((queries.ConnectionIdleLifetime, queries.ConnectionPruningInterval), Is.EqualTo((lifetime, interval)));
        Assert.DoesNotThrowAsync(async () => await new PostgreSqlToggleStore(options).DisposeAsync(), "Npgsql accepts the combination");
    }

    [Test]
    public void Listen_NoListenConnectionString_UsesTheMainOneUnpooled()
    {
        var listen = PostgreSqlConnectionStrings.ForListening(new PostgreSqlToggleStoreOptions { ConnectionString = $"{Server};Maximum Pool Size=5" });

        Assert.That((listen.Host, listen.Database, listen.Pooling), Is.EqualTo(("db", "toggles", false)));
    }

    [Test]
    public void Listen_ListenConnectionString_IsUsedInstead()
    {
        var options = new PostgreSqlToggleStoreOptions { ConnectionString = "Host=pgbouncer;Port=6432;Database=toggles", ListenConnectionString = "Host=db-primary;Database=toggles" };

        var (queries, listen) = (PostgreSqlConnectionStrings.ForQueries(options), PostgreSqlConnectionStrings.ForListening(options));

        Assert.That((queries.Host, queries.Port, listen.Host, listen.Port), Is.EqualTo(("pgbouncer", 6432, "db-primary", 5432)));
    }

    [Test]
    public void ReadOnly_AppliesToBothConnections()
    {
        var options = new PostgreSqlToggleStoreOptions { ConnectionString = Server, ListenConnectionString = "Host=direct;Database=toggles", ReadOnly = true };

        Assert.That(
            new[] { PostgreSqlConnectionStrings.ForQueries(options).Options, PostgreSqlConnectionStrings.ForListening(options).Options },
            Is.All.EqualTo("-c default_transaction_read_only=on"));
    }

    [Test]
    public void ListenConnectionString_Blank_RejectedWithTheOtherProblems()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PostgreSqlToggleStore(new PostgreSqlToggleStoreOptions { ConnectionString = "", ListenConnectionString = " " }));

        Assert.That(ex!.Message, Does.Contain("ConnectionString must not be empty").And.Contain("ListenConnectionString"));
    }

    [Test]
    public void ListenConnectionString_Malformed_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PostgreSqlToggleStore(new PostgreSqlToggleStoreOptions { ConnectionString = Server, ListenConnectionString = "Nonsense=1" }));

        Assert.That(ex!.Message, Does.Contain("Invalid PostgreSQL listen connection string"));
    }

    [Test]
    public void Queries_UserSetsPoolingOff_NoIdleSettingsAdded()
    {
        var queries = PostgreSqlConnectionStrings.ForQueries(new PostgreSqlToggleStoreOptions { ConnectionString = $"{Server};Pooling=false" });

        Assert.That(queries.Keys, Has.None.EqualTo("Connection Idle Lifetime").And.None.EqualTo("Connection Pruning Interval"));
    }
}
