namespace FeatureFlags.PostgreSql.Tests;

/// <summary>
/// Two independent service providers on one database, as two application instances: a change on one reaches the
/// other's cache through LISTEN/NOTIFY, also after the server is stopped and started again. The tests assert that each
/// change arrives, in order, with the right value (each one observed through <see cref="IToggleStateMonitor.StateChanged"/>);
/// how fast is measured by the fan-out report in the benchmarks (RESULTS.md), never in tests.
/// </summary>
public class PostgreSqlTwoInstanceTests
{
    [Test]
    public async Task ChangeOnOneInstance_ReachesTheOther_EveryTime()
    {
        var database = await SharedServer.Server.CreateDatabaseAsync();
        using var a = Create(database);
        using var b = Create(database);
        Assert.That(a.Toggles.IsEnabled(ContractToggles.Kill), Is.False);
        Assert.That(b.Toggles.IsEnabled(ContractToggles.Kill), Is.False);

        var seen = await FlipAsync(a, b, rounds: 5);

        Assert.That(seen, Is.EqualTo(new[] { true, false, true, false, true }), "every change arrived, in order");
        Assert.That(b.Toggles.IsEnabled(ContractToggles.Kill), Is.True, "the last change (on) is the one held");
    }

    [Test]
    public async Task ServerRestartedMidTest_ChangesStillReachTheOther()
    {
        await using var server = await PostgresServer.StartOrIgnoreAsync();
        var database = await server.CreateDatabaseAsync();
        using var a = Create(database);
        using var b = Create(database);
        var before = await FlipAsync(a, b, rounds: 2);

        await server.StopAsync();
        Assert.That(b.Toggles.IsEnabled(ContractToggles.Kill), Is.EqualTo(false), "last known value while the server is down");
        // The writer reloads from the restarted server before it writes: a write that then fails is a failure.
        await Propagation.StartAgainAndReloadAsync(server, a);
        var after = await FlipAsync(a, b, rounds: 3);

        Assert.That(before, Is.EqualTo(new[] { true, false }), "every change arrived before the restart, in order");
        Assert.That(after, Is.EqualTo(new[] { true, false, true }), "and after it");
        Assert.That(b.Toggles.IsEnabled(ContractToggles.Kill), Is.True, "the last change (on) is the one held");
    }

    /// <summary>
    /// Flips the kill switch on <paramref name="a"/> (on, off, on, ...) and waits, each round, for <paramref name="b"/> to
    /// apply the new value; returns the value <paramref name="b"/> held after each round.
    /// </summary>
    private static async Task<List<bool>> FlipAsync(ToggleHarness a, ToggleHarness b, int rounds)
    {
        var held = new List<bool>();
        for (var round = 0; round < rounds; round++)
        {
            var value = round % 2 == 0;
            var seen = b.WhenApplied(() => b.Toggles.IsEnabled(ContractToggles.Kill) == value);
            await a.Admin.SetAsync(ContractToggles.Kill, value, new ToggleActor("ana"));
            await seen.WaitAsync(TimeSpan.FromSeconds(30));
            held.Add(b.Toggles.IsEnabled(ContractToggles.Kill));
        }

        return held;
    }

    [Test]
    public async Task ConcurrentConflictingPrerequisiteWrites_FiftyRounds_NeverStoreACycle()
    {
        var database = await SharedServer.Server.CreateDatabaseAsync();
        using var a = Create(database);
        using var b = Create(database);

        PrerequisiteRace.AssertNeverACycle(await PrerequisiteRace.RunAsync(a.Admin, b.Admin, a.Store, rounds: 50));
    }

    private static ToggleHarness Create(string database)
        => ToggleHarness.Create(
            b => b.AddToggles(ContractToggles.All).UsePostgreSql(database),
            o =>
            {
                o.StoreRetryDelay = TimeSpan.FromMilliseconds(100);
                o.MaxStoreRetryDelay = TimeSpan.FromMilliseconds(500);
            });
}
