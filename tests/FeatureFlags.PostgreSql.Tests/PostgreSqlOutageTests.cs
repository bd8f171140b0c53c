using FeatureFlags.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FeatureFlags.PostgreSql.Tests;

/// <summary>
/// Outages while eight threads evaluate: no evaluation throws and last known values are served.
/// </summary>
public class PostgreSqlOutageTests
{
    /// <summary>
    /// The application reaches the database through a proxy that is cut: for it the database is gone, while another
    /// instance changes a toggle. When the connection is back, the change is seen.
    /// </summary>
    [Test]
    public async Task DatabaseUnreachable_LastKnownServed_HealthDegraded_ChangeMadeDuringOutageSeenAfter()
    {
        var direct = await SharedServer.Server.CreateDatabaseAsync();
        await using var proxy = new TcpProxy(SharedServer.Server.Port);
        proxy.Start();
        var viaProxy = direct.Replace($"Port={SharedServer.Server.Port}", $"Port={proxy.Port}", StringComparison.Ordinal);
        await using var app = await AppAsync(viaProxy);
        await app.Admin.SetAsync(ContractToggles.Kill, true, new ToggleActor("ana"));
        Assert.That(app.Toggles.IsEnabled(ContractToggles.Kill), Is.True);

        await using var evaluators = EightEvaluators.Start(app.Toggles, expected: true);
        proxy.Cut();
        Assert.That(await app.WaitForHealthAsync(HealthStatus.Degraded), Is.True, "health reports Degraded while unreachable");

        await using (var other = new PostgreSqlToggleStore(new PostgreSqlToggleStoreOptions { ConnectionString = direct }))
        {
            var current = await other.GetAsync(ContractToggles.Kill.FullName);
            await other.SetAsync(ContractToggles.Kill.FullName, StoredValues.Switch(false), current!.Version, new ToggleAuditInfo("other-instance", "during outage"));
        }

        var stillLastKnown = app.Toggles.IsEnabled(ContractToggles.Kill);
        var (evaluations, failures, wrong) = await evaluators.StopAsync();
        var seen = app.Harness.WhenApplied(() => !app.Toggles.IsEnabled(ContractToggles.Kill));
        proxy.Start();
        await seen.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(evaluations, Is.GreaterThan(1000));
            Assert.That(failures, Is.Zero, "no evaluation threw");
            Assert.That(wrong, Is.Zero, "last known state served throughout");
            Assert.That(stillLastKnown, Is.True);
            Assert.That(app.Toggles.IsEnabled(ContractToggles.Kill), Is.False, "the change made during the outage is seen after it");
            Assert.That(app.Harness.Logs.WithEventId(1), Has.Count.EqualTo(1), "one warning for the outage");
        });
        Assert.That(await app.WaitForHealthAsync(HealthStatus.Healthy), Is.True, "health recovers");
    }

    /// <summary>
    /// The server itself is stopped while eight threads evaluate, then started again; a change made after the restart is seen.
    /// </summary>
    [Test]
    public async Task ServerStopped_EvaluationNeverThrows_ChangeAfterRestartSeen()
    {
        await using var server = await PostgresServer.StartOrIgnoreAsync();
        var database = await server.CreateDatabaseAsync();
        await using var app = await AppAsync(database);
        await app.Admin.SetAsync(ContractToggles.Rollout, new FlagRules { Users = ["u1"] }, new ToggleActor("ana"));
        Assert.That(app.Toggles.IsEnabled(ContractToggles.Rollout, new ToggleContext { UserId = "u1" }), Is.True, "state loaded before the outage");

        await using var evaluators = EightEvaluators.Start(app.Toggles, expected: true, context: new ToggleContext { UserId = "u1" }, flag: ContractToggles.Rollout);
        await server.StopAsync();
        var degraded = await app.WaitForHealthAsync(HealthStatus.Degraded);
        await Propagation.StartAgainAndReloadAsync(server, app.Harness);
        var (evaluations, failures, wrong) = await evaluators.StopAsync();

        var seen = app.Harness.WhenApplied(() => !app.Toggles.IsEnabled(ContractToggles.Rollout, new ToggleContext { UserId = "u1" }));
        await app.Admin.SetAsync(ContractToggles.Rollout, new FlagRules { Users = ["u2"] }, new ToggleActor("ana"), "after restart");
        await seen.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(degraded, Is.True);
            Assert.That(evaluations, Is.GreaterThan(1000));
            Assert.That(failures, Is.Zero);
            Assert.That(wrong, Is.Zero);
        });
    }

    private static Task<App> AppAsync(string connectionString) => Task.FromResult(new App(connectionString));

    private sealed class App : IAsyncDisposable
    {
        public App(string connectionString)
        {
            Harness = ToggleHarness.Create(
                b =>
                {
                    b.AddToggles(ContractToggles.All).UsePostgreSql(connectionString, o => o.MaxReconnectDelay = TimeSpan.FromMilliseconds(500));
                    b.Services.AddHealthChecks().AddCheck<ToggleStoreHealthCheck>("toggles");
                },
                o =>
                {
                    o.StoreRetryDelay = TimeSpan.FromMilliseconds(50);
                    o.MaxStoreRetryDelay = TimeSpan.FromMilliseconds(300);
                    o.StoreOperationTimeout = TimeSpan.FromSeconds(3);
                });
        }

        public ToggleHarness Harness { get; }

        public IToggles Toggles => Harness.Toggles;

        public IToggleAdmin Admin => Harness.Admin;

        /// <summary>Waits for the instance's health to report <paramref name="status"/> (polled: see <see cref="HealthPoll"/>).</summary>
        public Task<bool> WaitForHealthAsync(HealthStatus status) => HealthPoll.StatusAsync(Harness.Provider, status);

        public ValueTask DisposeAsync()
        {
            Harness.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class EightEvaluators : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task[] _threads = [];
        private long _evaluations;
        private int _failures;
        private int _wrong;

        public static EightEvaluators Start(IToggles toggles, bool expected, ToggleContext? context = null, Toggle? flag = null)
        {
            var evaluators = new EightEvaluators();
            var toggle = flag ?? ContractToggles.Kill;
            evaluators._threads = [.. Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(
                () => evaluators.Run(toggles, toggle, context ?? ToggleContext.Anonymous, expected),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default))];
            return evaluators;
        }

        public async Task<(long Evaluations, int Failures, int Wrong)> StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_threads);
            return (Interlocked.Read(ref _evaluations), _failures, _wrong);
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stop.Dispose();
        }

        private void Run(IToggles toggles, Toggle toggle, ToggleContext context, bool expected)
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    if (toggles.IsEnabled(toggle, context) != expected)
                    {
                        Interlocked.Increment(ref _wrong);
                    }

                    Interlocked.Increment(ref _evaluations);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref _failures);
                }
            }
        }
    }
}
