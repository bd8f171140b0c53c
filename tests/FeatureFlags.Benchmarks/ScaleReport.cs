using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using FeatureFlags.PostgreSql;
using FeatureFlags.Sqlite;
using FeatureFlags.Storage;
using FeatureFlags.TestUtilities;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FeatureFlags.Benchmarks;

/// <summary>
/// Measurements that are not micro-benchmarks: loading 10,000 toggles and 100,000 overrides from each store,
/// propagation latency between two instances on PostgreSQL, and fan-out to 100 instances with the connections they
/// hold (<see cref="FanOutReport"/>). Prints Markdown tables.
/// </summary>
internal static class ScaleReport
{
    private const int ToggleCount = 10_000;
    private const int OverrideCount = 100_000;
    private const int PropagationChanges = 200;

    /// <param name="mode"><c>fanout</c> runs only the fan-out measurement, <c>report</c> only the report and <c>show</c>
    /// measurements (<see cref="ReportScaleReport"/>), <c>load</c> only the load measurement; <see langword="null"/> runs
    /// load, propagation and fan-out.</param>
    public static async Task RunAsync(string? mode)
    {
        if (mode == "report")
        {
            await using var reportServer = await PostgresServer.StartAsync();
            await ReportScaleReport.RunAsync(reportServer);
            return;
        }

        if (mode == "load")
        {
            await using var loadServer = await PostgresServer.StartAsync();
            await RunLoadAndPropagationAsync(loadServer, propagation: false);
            return;
        }

        var fanOutOnly = mode == "fanout";
        // 100 fan-out instances hold a listener each and, while busy, a pooled connection each, plus the writer and the
        // monitor: more than PostgreSQL's default max_connections (100) and the test fixture's 200.
        await using var server = await PostgresServer.StartAsync(maxConnections: 300);
        if (!fanOutOnly)
        {
            await RunLoadAndPropagationAsync(server);
        }

        await FanOutReport.RunAsync(server);
    }

    private static async Task RunLoadAndPropagationAsync(PostgresServer server, bool propagation = true)
    {
        var declared = Enumerable.Range(0, ToggleCount).Select(i => new ToggleNamespace("scale").Switch($"t{i}", BenchmarkToggles.Meta("Scale."))).ToList();
        Console.WriteLine($"| Measurement | SQLite | PostgreSQL |");
        Console.WriteLine($"|---|---|---|");

        using var folder = new TempFolder("ff-scale-");
        var sqlite = $"Data Source={folder.PathOf("scale.db")}";
        await using (var store = new SqliteToggleStore(new SqliteToggleStoreOptions { ConnectionString = sqlite }))
        {
            await store.EnsureSchemaAsync();
        }

        await using (var connection = new SqliteConnection(sqlite))
        {
            await connection.OpenAsync();
            await SeedAsync(connection);
        }

        var postgres = await server.CreateDatabaseAsync("scale");
        await using (var store = new PostgreSqlToggleStore(new PostgreSqlToggleStoreOptions { ConnectionString = postgres }))
        {
            await store.EnsureSchemaAsync();
        }

        await using (var connection = new NpgsqlConnection(postgres))
        {
            await connection.OpenAsync();
            await SeedAsync(connection);
        }

        // The first load of a process also pays for JIT compilation and the database's own cold caches; the later ones
        // are what a restarted instance (same binaries, warm database) sees. All are printed.
        var sqliteLoads = new List<(TimeSpan Time, long Bytes)>();
        var postgresLoads = new List<(TimeSpan Time, long Bytes)>();
        for (var run = 0; run < 3; run++)
        {
            sqliteLoads.Add(await MeasureLoadAsync(b => b.UseSqlite(sqlite), declared));
            postgresLoads.Add(await MeasureLoadAsync(b => b.UsePostgreSql(postgres), declared));
        }

        static string Times(List<(TimeSpan Time, long Bytes)> loads) => string.Join(" / ", loads.Select(l => $"{l.Time.TotalMilliseconds:F0}")) + " ms";
        static string Sizes(List<(TimeSpan Time, long Bytes)> loads) => string.Join(" / ", loads.Select(l => $"{l.Bytes / 1048576.0:F1}")) + " MiB";
        Console.WriteLine($"| Load of {ToggleCount:N0} toggles + {OverrideCount:N0} course overrides, new provider each (runs 1 / 2 / 3) | {Times(sqliteLoads)} | {Times(postgresLoads)} |");
        Console.WriteLine($"| Managed memory held after the load (runs 1 / 2 / 3) | {Sizes(sqliteLoads)} | {Sizes(postgresLoads)} |");
        if (!propagation)
        {
            return;
        }

        var (p50, p99, max) = await MeasurePropagationAsync(postgres);
        Console.WriteLine($"| Propagation between two instances, {PropagationChanges} changes: p50 / p99 / max | (polling, 1 s interval) | {p50:F1} / {p99:F1} / {max:F1} ms |");
    }

    /// <summary>Writes the rows in one transaction, as the store's own writes would lay them out.</summary>
    private static async Task SeedAsync(DbConnection connection)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO ff_state (key, value, version, created_at, modified_at, modified_by) VALUES (@k, @v, @n, 0, 0, 'seed')";
        var key = command.CreateParameter();
        key.ParameterName = "k";
        var value = command.CreateParameter();
        value.ParameterName = "v";
        var version = command.CreateParameter();
        version.ParameterName = "n";
        command.Parameters.Add(key);
        command.Parameters.Add(value);
        command.Parameters.Add(version);
        long n = 0;
        for (var i = 0; i < ToggleCount; i++)
        {
            key.Value = $"scale.t{i}";
            value.Value = StoredValueCodec.EncodeSwitch(i % 2 == 0);
            version.Value = ++n;
            await command.ExecuteNonQueryAsync();
        }

        for (var i = 0; i < OverrideCount; i++)
        {
            key.Value = ToggleKeys.ForOverride(BenchmarkToggles.Outline.FullName, OverrideLevel.Course, $"course-v1:Org{i % 500}+Course{i}+2026");
            value.Value = StoredValueCodec.EncodeOverride(i % 3 != 0);
            version.Value = ++n;
            await command.ExecuteNonQueryAsync();
        }

        await using var counter = connection.CreateCommand();
        counter.Transaction = transaction;
        counter.CommandText = string.Create(CultureInfo.InvariantCulture, $"UPDATE ff_meta SET value = {n} WHERE name = 'version'");
        await counter.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private static async Task<(TimeSpan Time, long Bytes)> MeasureLoadAsync(Action<FeatureTogglesBuilder> useStore, List<Switch> declared)
    {
        var services = new ServiceCollection();
        var builder = services.AddFeatureToggles(o => o.StartupLoadTimeout = TimeSpan.FromMinutes(2)).AddToggles(declared).AddToggles(BenchmarkToggles.Outline);
        useStore(builder);
        // The previous run's provider is disposed, but its background tasks end (and its finalizers run) a moment later.
        await Task.Delay(TimeSpan.FromSeconds(1));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        await using var provider = services.BuildServiceProvider();
        var fullLoads = 0;
        provider.GetRequiredService<IToggleStateMonitor>().StateChanged += (_, e) =>
        {
            if (e.IsFullReload)
            {
                Interlocked.Increment(ref fullLoads);
            }
        };
        var toggles = provider.GetRequiredService<IToggles>();
        var loaded = toggles.IsEnabled(declared[0]) && toggles.IsEnabled(BenchmarkToggles.Outline, "course-v1:Org1+Course1+2026");
        clock.Stop();
        if (!loaded)
        {
            throw new InvalidOperationException("State did not load.");
        }

        // The change feed's first "reload everything" (it cannot know what changed before it listened) is answered by
        // the start-up load when it asked before that load began, and by a second load otherwise: give that one time
        // to finish before memory is read.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var after = GC.GetTotalMemory(forceFullCollection: true);
        if (Volatile.Read(ref fullLoads) > 1)
        {
            Console.Error.WriteLine($"(this run loaded everything {fullLoads} times: its change feed started after a write)");
        }
        GC.KeepAlive(toggles);
        return (clock.Elapsed, after - before);
    }

    private static async Task<(double P50, double P99, double Max)> MeasurePropagationAsync(string postgres)
    {
        await using var a = Build(postgres);
        await using var b = Build(postgres);
        var togglesA = a.GetRequiredService<IToggles>();
        var togglesB = b.GetRequiredService<IToggles>();
        var admin = a.GetRequiredService<IToggleAdmin>();
        var monitor = b.GetRequiredService<IToggleStateMonitor>();
        togglesA.IsEnabled(BenchmarkToggles.NewCart);
        togglesB.IsEnabled(BenchmarkToggles.NewCart);

        // Let the listener's start-up reload settle before measuring.
        var value = !togglesB.IsEnabled(BenchmarkToggles.NewCart);
        await admin.SetAsync(BenchmarkToggles.NewCart, value, new ToggleActor("bench"));
        await StateChanges.WhenAsync(monitor, () => togglesB.IsEnabled(BenchmarkToggles.NewCart) == value);

        var samples = new List<double>(PropagationChanges);
        for (var i = 0; i < PropagationChanges; i++)
        {
            value = !value;
            var target = value;
            var seen = StateChanges.WhenAsync(monitor, () => togglesB.IsEnabled(BenchmarkToggles.NewCart) == target);
            var clock = Stopwatch.StartNew();
            await admin.SetAsync(BenchmarkToggles.NewCart, value, new ToggleActor("bench"));
            var committed = clock.Elapsed;
            await seen.WaitAsync(TimeSpan.FromSeconds(10));
            samples.Add((clock.Elapsed - committed).TotalMilliseconds);
        }

        samples.Sort();
        return (samples[samples.Count / 2], samples[(int)Math.Ceiling(samples.Count * 0.99) - 1], samples[^1]);
    }

    private static ServiceProvider Build(string postgres)
    {
        var services = new ServiceCollection();
        services.AddFeatureToggles().AddToggles(BenchmarkToggles.NewCart).UsePostgreSql(postgres);
        return services.BuildServiceProvider();
    }
}
