using System.Diagnostics;
using FeatureFlags.PostgreSql;
using FeatureFlags.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FeatureFlags.Benchmarks;

/// <summary>
/// Fan-out on PostgreSQL: 100 instances in one process (a service provider each, with its own store, cache and
/// listener, on the library's default pool settings) and one writer. For every write, the time from the write to each
/// instance's cache applying it (taken in its <see cref="IToggleStateMonitor.StateChanged"/> handler); then the
/// connections the instances hold, counted by the server, right after the writes and once they are idle.
/// </summary>
internal static class FanOutReport
{
    private const int Instances = 100;
    private const int Writes = 100;
    private const string Application = "ff-fanout";
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);

    // Idle means past the pool's idle lifetime and a few pruning rounds; the wait ends as soon as the count is reached.
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(
        PostgreSqlToggleStoreOptions.DefaultConnectionIdleLifetime + (6 * PostgreSqlToggleStoreOptions.DefaultConnectionPruningInterval));

    public static async Task RunAsync(PostgresServer server)
    {
        var database = await server.CreateDatabaseAsync("fanout");
        var sessions = new Sessions(database);
        await using var writer = Build($"{database};Application Name=ff-fanout-writer");
        var admin = writer.GetRequiredService<IToggleAdmin>();
        var initial = writer.GetRequiredService<IToggles>().IsEnabled(BenchmarkToggles.NewCart);
        var instances = Enumerable.Range(0, Instances).Select(_ => Build($"{database};Application Name={Application}")).ToArray();
        try
        {
            var receivers = instances.Select(i => new Receiver(i)).ToArray();
            await sessions.WhenAsync(s => s.Listeners == Instances, DeliveryTimeout);

            // One write to settle every listener's start-up reload before measuring.
            var value = !initial;
            await WriteAsync(admin, receivers, value);

            var fromCommit = new List<double>(Instances * Writes);
            var fromStart = new List<double>(Instances * Writes);
            var lastPerWrite = new List<double>(Writes);
            var missing = 0;
            for (var write = 0; write < Writes; write++)
            {
                value = !value;
                var (start, committed, applied) = await WriteAsync(admin, receivers, value);
                missing += applied.Count(a => a is null);
                var arrived = applied.OfType<long>().ToArray();
                fromCommit.AddRange(arrived.Select(a => Milliseconds(committed, a)));
                fromStart.AddRange(arrived.Select(a => Milliseconds(start, a)));
                if (arrived.Length > 0)
                {
                    lastPerWrite.Add(Milliseconds(committed, arrived.Max()));
                }
            }

            var busy = await sessions.ReadAsync();
            var idleClock = Stopwatch.StartNew();
            var idle = await sessions.WhenAsync(s => s.Total <= Instances, IdleTimeout);
            var idleAfter = idleClock.Elapsed;

            Console.WriteLine();
            Console.WriteLine($"| Fan-out: {Instances} instances in one process, {Writes} writes by one more instance ({Instances * Writes:N0} deliveries) | PostgreSQL |");
            Console.WriteLine("|---|---|");
            Console.WriteLine($"| Commit → applied in each instance's cache: p50 / p99 / max | {Percentiles(fromCommit)} ms |");
            Console.WriteLine($"| Write start → applied (includes the write's own round trip): p50 / p99 / max | {Percentiles(fromStart)} ms |");
            Console.WriteLine($"| Commit → applied in the last of the {Instances} instances, per write: p50 / p99 / max | {Percentiles(lastPerWrite)} ms |");
            Console.WriteLine($"| Deliveries missing after {DeliveryTimeout.TotalSeconds:F0} s | {missing} |");
            Console.WriteLine($"| Connections held by the {Instances} instances right after the last write (listeners + pooled) | {busy.Total} ({busy.Listeners} + {busy.Total - busy.Listeners}) |");
            Console.WriteLine($"| Connections held once idle ({idleAfter.TotalSeconds:F0} s after the last write) | {idle.Total} ({idle.Listeners} listeners): {(double)idle.Total / Instances:F2} per instance |");
        }
        finally
        {
            await Task.WhenAll(instances.Select(i => i.DisposeAsync().AsTask()));
        }
    }

    private static async Task<(long Start, long Committed, long?[] Applied)> WriteAsync(IToggleAdmin admin, Receiver[] receivers, bool value)
    {
        var expected = receivers.Select(r => r.Expect(value)).ToArray();
        var start = Stopwatch.GetTimestamp();
        await admin.SetAsync(BenchmarkToggles.NewCart, value, new ToggleActor("bench"));
        var committed = Stopwatch.GetTimestamp();
        try
        {
            await Task.WhenAll(expected).WaitAsync(DeliveryTimeout);
        }
        catch (TimeoutException)
        {
            // Counted as missing below.
        }

        return (start, committed, expected.Select(e => e.IsCompletedSuccessfully ? e.Result : (long?)null).ToArray());
    }

    private static double Milliseconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds * (to >= from ? 1 : -1);

    private static string Percentiles(List<double> samples)
    {
        if (samples.Count == 0)
        {
            return "none";
        }

        samples.Sort();
        double At(double p) => samples[Math.Max(0, (int)Math.Ceiling(samples.Count * p) - 1)];
        return $"{At(0.50):F1} / {At(0.99):F1} / {samples[^1]:F1}";
    }

    private static ServiceProvider Build(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddFeatureToggles().AddToggles(BenchmarkToggles.NewCart).UsePostgreSql(connectionString);
        return services.BuildServiceProvider();
    }

    /// <summary>One instance's cache, and the moment it applies the value a write is expected to set.</summary>
    private sealed class Receiver
    {
        private readonly IToggles _toggles;
        private Expectation? _expected;

        public Receiver(ServiceProvider instance)
        {
            _toggles = instance.GetRequiredService<IToggles>();
            _toggles.IsEnabled(BenchmarkToggles.NewCart);
            instance.GetRequiredService<IToggleStateMonitor>().StateChanged += OnStateChanged;
        }

        public Task<long> Expect(bool value)
        {
            var expected = new Expectation(value);
            Volatile.Write(ref _expected, expected);
            return expected.Applied.Task;
        }

        private void OnStateChanged(object? sender, ToggleStateChangedEventArgs e)
        {
            var expected = Volatile.Read(ref _expected);
            if (expected is not null && _toggles.IsEnabled(BenchmarkToggles.NewCart) == expected.Value)
            {
                expected.Applied.TrySetResult(Stopwatch.GetTimestamp());
            }
        }

        private sealed record Expectation(bool Value)
        {
            public TaskCompletionSource<long> Applied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>
    /// The fan-out instances' sessions as the server lists them in <c>pg_stat_activity</c>; a listener's last statement
    /// is its LISTEN or its keep-alive ping.
    /// </summary>
    private sealed class Sessions(string database)
    {
        private readonly string _monitor = new NpgsqlConnectionStringBuilder(database) { ApplicationName = "ff-fanout-monitor", Pooling = false }.ConnectionString;

        public async Task<(int Total, int Listeners)> ReadAsync()
        {
            await using var connection = new NpgsqlConnection(_monitor);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT count(*)::int, count(*) FILTER (WHERE query LIKE 'LISTEN %' OR query = 'SELECT 1')::int FROM pg_stat_activity WHERE backend_type = 'client backend' AND datname = current_database() AND application_name = @application",
                connection);
            command.Parameters.AddWithValue("application", Application);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt32(0), reader.GetInt32(1));
        }

        /// <summary>Reads until <paramref name="condition"/> holds or <paramref name="timeout"/> passes; returns the last reading.</summary>
        public async Task<(int Total, int Listeners)> WhenAsync(Func<(int Total, int Listeners), bool> condition, TimeSpan timeout)
        {
            using var expiry = new CancellationTokenSource(timeout);
            while (true)
            {
                var reading = await ReadAsync();
                if (condition(reading) || expiry.IsCancellationRequested)
                {
                    return reading;
                }

                // Nothing signals a session's end; a pause keeps the poll from competing with what it measures.
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }
    }
}
