using System.Diagnostics;

namespace FeatureFlags.PostgreSql.Tests;

/// <summary>
/// Two independent service providers on one database, as two application instances: a change on one reaches the
/// other's cache through LISTEN/NOTIFY, also after the server is stopped and started again. The tests assert that each
/// change arrives, in order, with the right value; how fast is measured by the fan-out report in the benchmarks
/// (RESULTS.md), not here, since these machines are shared. The figures are printed for reference.
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

        var timings = await FlipAndMeasureAsync(a, b, rounds: 5);

        await TestContext.Progress.WriteLineAsync($"PostgreSQL propagation: {string.Join(", ", timings.Select(t => $"{t.TotalMilliseconds:F1} ms"))}");
        Assert.That(timings, Has.Count.EqualTo(5), "every change arrived");
        Assert.That(b.Toggles.IsEnabled(ContractToggles.Kill), Is.True, "the last change (on) is the one held");
    }

    [Test]
    public async Task ServerRestartedMidTest_ChangesStillReachTheOther()
    {
        await using var server = await PostgresServer.StartOrIgnoreAsync();
        var database = await server.CreateDatabaseAsync();
        using var a = Create(database);
        using var b = Create(database);
        var before = await FlipAndMeasureAsync(a, b, rounds: 2);

        await server.StopAsync();
        Assert.That(b.Toggles.IsEnabled(ContractToggles.Kill), Is.EqualTo(false), "last known value while the server is down");
        await server.StartAgainAsync();

        // The first write after the restart may meet dead pooled connections; the store retries those once.
        var after = new List<TimeSpan>();
        for (var round = 0; round < 3; round++)
        {
            var value = round % 2 == 0;
            var seen = b.WhenApplied(() => b.Toggles.IsEnabled(ContractToggles.Kill) == value);
            var clock = Stopwatch.StartNew();
            await Propagation.RetryWhileUnavailableAsync(async () => await a.Admin.SetAsync(ContractToggles.Kill, value, new ToggleActor("ana")));
            var written = clock.Elapsed;
            await seen.WaitAsync(TimeSpan.FromSeconds(30));
            after.Add(clock.Elapsed - written);
        }

        await TestContext.Progress.WriteLineAsync($"PostgreSQL propagation after restart (from commit): {string.Join(", ", after.Select(t => $"{t.TotalMilliseconds:F1} ms"))}");
        Assert.That((before.Count, after.Count), Is.EqualTo((2, 3)), "every change arrived, before and after the restart");
        Assert.That(b.Toggles.IsEnabled(ContractToggles.Kill), Is.True, "the last change (on) is the one held");
    }

    private static async Task<List<TimeSpan>> FlipAndMeasureAsync(ToggleHarness a, ToggleHarness b, int rounds)
    {
        var timings = new List<TimeSpan>();
        for (var round = 0; round < rounds; round++)
        {
            var value = round % 2 == 0;
            var seen = b.WhenApplied(() => b.Toggles.IsEnabled(ContractToggles.Kill) == value);
            var clock = Stopwatch.StartNew();
            await a.Admin.SetAsync(ContractToggles.Kill, value, new ToggleActor("ana"));
            await seen.WaitAsync(TimeSpan.FromSeconds(10));
            timings.Add(clock.Elapsed);
        }

        return timings;
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
