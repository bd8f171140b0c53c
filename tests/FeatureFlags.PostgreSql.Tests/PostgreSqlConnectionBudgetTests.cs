using FeatureFlags.Storage;

namespace FeatureFlags.PostgreSql.Tests;

/// <summary>
/// Connections an instance holds, as the server counts them: one listener while idle, the listener on its own connection
/// string when one is given, none once the store is disposed (synchronously or not).
/// </summary>
public class PostgreSqlConnectionBudgetTests
{
    // The listener's keep-alive ping would replace its last statement (LISTEN), by which the tests recognise it.
    private static readonly TimeSpan NoKeepAliveDuringTheTest = TimeSpan.FromHours(1);

    // Pooled connections that outlive the test unless disposal closes them.
    private const string NoIdlePruning = "Connection Idle Lifetime=3600;Connection Pruning Interval=3600";

    [Test]
    public async Task IdlePastIdleLifetime_HoldsOnlyTheListenConnection_WhichStillDelivers()
    {
        var database = await SharedServer.Server.CreateDatabaseAsync();
        var sessions = new ServerSessions(database);
        var application = NewApplicationName();
        using var instance = Create($"{database};Application Name={application};Connection Idle Lifetime=1;Connection Pruning Interval=1");
        using var writer = Create(database);
        await instance.Admin.SetAsync(ContractToggles.Kill, true, new ToggleActor("ana"));
        Assert.That(instance.Toggles.IsEnabled(ContractToggles.Kill), Is.True);

        var idle = await sessions.WhenAsync(application, ServerSessions.OnlyTheListener);
        Assert.That(idle, Has.Count.EqualTo(1).And.All.StartsWith("LISTEN "), "one connection, the listener, once the pool let its idle ones go");

        var seen = instance.WhenApplied(() => !instance.Toggles.IsEnabled(ContractToggles.Kill));
        await writer.Admin.SetAsync(ContractToggles.Kill, false, new ToggleActor("ana"));
        await seen.WaitAsync(TimeSpan.FromSeconds(30));

        var idleAgain = await sessions.WhenAsync(application, ServerSessions.OnlyTheListener);
        Assert.That(idleAgain, Has.Count.EqualTo(1).And.All.StartsWith("LISTEN "), "back to one after reading the change");
    }

    [Test]
    public async Task SeparateListenConnectionString_NotificationsArriveOnIt_AndWritesGoThroughTheMainOne()
    {
        var database = await SharedServer.Server.CreateDatabaseAsync();
        var sessions = new ServerSessions(database);
        var main = NewApplicationName();
        var listen = NewApplicationName();
        using var instance = Create($"{database};Application Name={main};{NoIdlePruning}", o => o.ListenConnectionString = $"{database};Application Name={listen}");
        using var other = Create(database);
        Assert.That(instance.Toggles.IsEnabled(ContractToggles.Kill), Is.False);
        await sessions.WhenAsync(listen, ServerSessions.OnlyTheListener);

        var seen = instance.WhenApplied(() => instance.Toggles.IsEnabled(ContractToggles.Kill));
        await other.Admin.SetAsync(ContractToggles.Kill, true, new ToggleActor("ana"));
        await seen.WaitAsync(TimeSpan.FromSeconds(30));

        var seenByOther = other.WhenApplied(() => !other.Toggles.IsEnabled(ContractToggles.Kill));
        await instance.Admin.SetAsync(ContractToggles.Kill, false, new ToggleActor("ana"));
        await seenByOther.WaitAsync(TimeSpan.FromSeconds(30));

        // No idle pruning here, so the write's pooled session is still there to be seen.
        var mainSessions = await sessions.QueriesAsync(main);
        var listenSessions = await sessions.QueriesAsync(listen);
        Assert.Multiple(() =>
        {
            Assert.That(listenSessions, Has.Count.EqualTo(1).And.All.StartsWith("LISTEN "), "the listen connection string carries only LISTEN");
            Assert.That(mainSessions, Is.Not.Empty.And.None.StartsWith("LISTEN "), "reads and writes use the main connection string");
        });
    }

    [Test]
    public async Task Dispose_Synchronous_ClosesEveryConnection()
    {
        var database = await SharedServer.Server.CreateDatabaseAsync();
        var sessions = new ServerSessions(database);
        var application = NewApplicationName();
        var instance = Create($"{database};Application Name={application};{NoIdlePruning}");
        await BusyAsync(instance, sessions, application);

        instance.Dispose();

        Assert.That(await sessions.WhenAsync(application, q => q.Count == 0), Is.Empty);
    }

    [Test]
    public async Task DisposeAsync_ClosesEveryConnection()
    {
        var database = await SharedServer.Server.CreateDatabaseAsync();
        var sessions = new ServerSessions(database);
        var application = NewApplicationName();
        var instance = Create($"{database};Application Name={application};{NoIdlePruning}");
        await BusyAsync(instance, sessions, application);

        await instance.Provider.DisposeAsync();

        Assert.That(await sessions.WhenAsync(application, q => q.Count == 0), Is.Empty);
    }

    [Test]
    public async Task Dispose_StoreWithoutCache_ClosesTheListenerAndThePool()
    {
        var database = await SharedServer.Server.CreateDatabaseAsync();
        var sessions = new ServerSessions(database);
        var application = NewApplicationName();
        var store = new PostgreSqlToggleStore(new PostgreSqlToggleStoreOptions { ConnectionString = $"{database};Application Name={application};{NoIdlePruning}" });
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = store.Subscribe(c =>
        {
            if (c.Kind == ToggleStoreChangeKind.Everything)
            {
                listening.TrySetResult();
            }
        });
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await store.SetAsync("x.y", "{}", 0, new ToggleAuditInfo("ana"));
        Assert.That(await sessions.QueriesAsync(application), Has.Count.EqualTo(2), "the listener and the pooled connection of the write");

        store.Dispose();

        Assert.That(await sessions.WhenAsync(application, q => q.Count == 0), Is.Empty);
    }

    /// <summary>Brings the instance to a listener plus at least one pooled connection.</summary>
    private static async Task BusyAsync(ToggleHarness instance, ServerSessions sessions, string application)
    {
        Assert.That(instance.Toggles.IsEnabled(ContractToggles.Kill), Is.False, "the cache is up, so the listener is");
        await instance.Admin.SetAsync(ContractToggles.Kill, true, new ToggleActor("ana"));
        var busy = await sessions.WhenAsync(application, q => q.Count >= 2 && q.Any(ServerSessions.IsListener));
        Assert.That(busy, Has.Count.GreaterThanOrEqualTo(2), "the listener and a pooled connection before disposal");
    }

    private static string NewApplicationName() => "ff-" + Guid.NewGuid().ToString("N")[..12];

    private static ToggleHarness Create(string connectionString, Action<PostgreSqlToggleStoreOptions>? configure = null)
        => ToggleHarness.Create(b => b.AddToggles(ContractToggles.All).UsePostgreSql(connectionString, o =>
        {
            o.KeepAliveInterval = NoKeepAliveDuringTheTest;
            configure?.Invoke(o);
        }));
}
