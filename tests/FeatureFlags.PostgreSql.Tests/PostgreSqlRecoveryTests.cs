using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FeatureFlags.PostgreSql.Tests;

/// <summary>
/// After an outage, every instance serves the change made right after the restart and reports Healthy, woken by the
/// reconnection rather than by its retry timer.
/// </summary>
/// <remarks>
/// The caches' retry delay is a minute, longer than the test waits for recovery: an instance can recover only because
/// the listener's reconnection wakes the retry, never because a timer ran out (the writing instance's reload after it
/// is what the test waits for before it writes). Each recovery is observed through <see cref="IToggleStateMonitor.StateChanged"/>; how fast it happens is not
/// measured here.
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
            var degraded = await Task.WhenAll(instances.Select(i => HealthPoll.StatusAsync(i.Provider, HealthStatus.Degraded)));

            // The outage itself: a span of time, not something to wait for.
            await Task.Delay(Outage);
            var recovered = instances.Select(RecoveredAsync).ToArray();
            await Propagation.StartAgainAndReloadAsync(server, instances[0]);
            await instances[0].Admin.SetAsync(ContractToggles.Kill, false, new ToggleActor("ana"), "right after the restart");

            // Well within the one-minute retry delay: only a wake-up can get every instance there.
            await Task.WhenAll(recovered).WaitAsync(TimeSpan.FromSeconds(30));
            var health = await Task.WhenAll(instances.Select(async i => (await i.Provider.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Status));
            var (served, failures, stale) = await requests.StopAsync();

            Assert.Multiple(() =>
            {
                Assert.That(degraded, Is.All.True, "every instance reported Degraded during the outage");
                Assert.That(served, Is.GreaterThan(10_000), "requests were served throughout");
                Assert.That(failures, Is.Zero, "no evaluation threw");
                Assert.That(stale, Is.Zero, "stored state was served throughout, never the code default");
                Assert.That(health, Is.All.EqualTo(HealthStatus.Healthy));
                Assert.That(instances.Select(i => i.Toggles.IsEnabled(ContractToggles.Kill)), Is.All.False, "every instance served the change");
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

    /// <summary>Completes when the instance serves the change made after the restart and its store is available again.</summary>
    private static Task RecoveredAsync(ToggleHarness instance)
    {
        var monitor = instance.Provider.GetRequiredService<IToggleStateMonitor>();
        return StateChanges.WhenAsync(monitor, () => monitor.IsStoreAvailable && !instance.Toggles.IsEnabled(ContractToggles.Kill));
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
