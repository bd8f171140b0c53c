using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FeatureFlags.PostgreSql.Tests;

/// <summary>
/// After an outage, every instance serves current state and reports Healthy within a second of the server answering.
/// </summary>
/// <remarks>
/// The caches' retry delay is a minute, longer than the test waits: an instance can recover in time only because the
/// listener's reconnection (or, on the writing instance, its own write) wakes the retry, never because a timer ran
/// out. The time is measured and written to the test output; the bound asserted is only a safety net.
/// </remarks>
public class PostgreSqlRecoveryTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(15);

    [Test]
    public async Task ServerStoppedFifteenSeconds_ThreeInstancesServing_ChangeAfterRestartReachesAllAndHealthRecovers()
    {
        await using var server = await PostgresServer.StartOrIgnoreAsync();
        var database = await server.CreateDatabaseAsync();
        var instances = Enumerable.Range(0, 3).Select(_ => Create(database)).ToArray();
        try
        {
            await instances[0].Admin.SetAsync(ContractToggles.Kill, true, new ToggleActor("ana"), "before the outage");
            await Task.WhenAll(instances.Select(i => i.WhenApplied(() => i.Toggles.IsEnabled(ContractToggles.Kill))));

            var requests = new Requests(instances);
            await server.StopAsync();
            var degraded = await Task.WhenAll(instances.Select(i => Eventually.HealthAsync(i.Provider, HealthStatus.Degraded)));

            // The outage itself: a span of time, not something to wait for.
            await Task.Delay(Outage);
            await server.StartAgainAsync();
            var clock = Stopwatch.StartNew();
            var recovered = instances.Select(i => RecoveredAsync(i, clock)).ToArray();
            await Propagation.RetryWhileUnavailableAsync(async () =>
                await instances[0].Admin.SetAsync(ContractToggles.Kill, false, new ToggleActor("ana"), "right after the restart"));
            var written = clock.Elapsed;
            var times = await Task.WhenAll(recovered).WaitAsync(TimeSpan.FromSeconds(30));
            var health = await Task.WhenAll(instances.Select(async i => (await i.Provider.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Status));
            var (served, failures, stale) = await requests.StopAsync();

            await TestContext.Out.WriteLineAsync(
                $"PostgreSQL stopped {Outage.TotalSeconds:F0} s; after the restart the change was written at {written.TotalMilliseconds:F0} ms " +
                $"and each instance served it with Healthy health at {string.Join(", ", times.Select(t => $"{t.TotalMilliseconds:F0} ms"))}.");
            Assert.Multiple(() =>
            {
                Assert.That(degraded, Is.All.True, "every instance reported Degraded during the outage");
                Assert.That(served, Is.GreaterThan(10_000), "requests were served throughout");
                Assert.That(failures, Is.Zero, "no evaluation threw");
                Assert.That(stale, Is.Zero, "stored state was served throughout, never the code default");
                Assert.That(health, Is.All.EqualTo(HealthStatus.Healthy));
                Assert.That(times, Has.Length.EqualTo(instances.Length), "every instance served the change (the figures are in the test output)");
            });
        }
        finally
        {
            foreach (var instance in instances)
            {
                instance.Dispose();
            }
        }
    }

    /// <summary>Completes with the time at which the instance serves the new value and its store is available again.</summary>
    private static async Task<TimeSpan> RecoveredAsync(ToggleHarness instance, Stopwatch clock)
    {
        var monitor = instance.Provider.GetRequiredService<IToggleStateMonitor>();
        TimeSpan? at = null;
        await StateChanges.WhenAsync(monitor, () =>
        {
            if (monitor.IsStoreAvailable && !instance.Toggles.IsEnabled(ContractToggles.Kill))
            {
                at ??= clock.Elapsed;
                return true;
            }

            return false;
        });
        return at!.Value;
    }

    private static ToggleHarness Create(string database)
        => ToggleHarness.Create(
            b =>
            {
                b.AddToggles(ContractToggles.All).UsePostgreSql(database);
                b.Services.AddHealthChecks().AddCheck<ToggleStoreHealthCheck>("toggles");
            },
            o =>
            {
                o.StoreRetryDelay = TimeSpan.FromMinutes(1);
                o.MaxStoreRetryDelay = TimeSpan.FromMinutes(1);
            });

    /// <summary>
    /// Requests on every instance during the outage: a hundred evaluations a millisecond each, paced by a timer so the
    /// test does not take every core of a shared machine.
    /// </summary>
    private sealed class Requests
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task[] _loops;
        private long _served;
        private int _failures;
        private int _stale;

        public Requests(ToggleHarness[] instances)
            => _loops = [.. instances.Select(i => Task.Run(() => ServeAsync(i.Toggles)))];

        public async Task<(long Served, int Failures, int Stale)> StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_loops);
            _stop.Dispose();
            return (Interlocked.Read(ref _served), _failures, _stale);
        }

        private async Task ServeAsync(IToggles toggles)
        {
            using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
            try
            {
                while (await pace.WaitForNextTickAsync(_stop.Token))
                {
                    for (var i = 0; i < 100; i++)
                    {
                        try
                        {
                            // Stored state throughout (the value before the outage, then the change): never the code default.
                            if (toggles.Explain(ContractToggles.Kill).Reason != ToggleReason.Switch)
                            {
                                Interlocked.Increment(ref _stale);
                            }

                            Interlocked.Increment(ref _served);
                        }
                        catch (Exception)
                        {
                            Interlocked.Increment(ref _failures);
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }
    }
}
