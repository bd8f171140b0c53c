using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using FeatureFlags.Cli;
using FeatureFlags.PostgreSql;
using FeatureFlags.Sqlite;
using FeatureFlags.Storage;
using FeatureFlags.TestUtilities;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FeatureFlags.Benchmarks;

/// <summary>
/// The report and <c>show</c> over a large store (<c>scale report</c>): 10,000 declared toggles, each with its rules and
/// one course override, and 1,000,000 audit rows (50 per key, interleaved as years of changes would lay them out), on
/// SQLite and on PostgreSQL. Measures the full report cold (a new provider's first call) and warm (median), and the
/// report of one toggle (<c>show</c>) through the library and through the CLI's code path. Prints a Markdown table.
/// </summary>
internal static class ReportScaleReport
{
    private const int ToggleCount = 10_000;
    private const int AuditRows = 1_000_000;
    private const int Keys = ToggleCount * 2;
    private const int WarmRuns = 5;
    private const int ShowRuns = 20;
    private const long StartMs = 1_700_000_000_000;
    private const string Shown = "scale.t4242";

    public static async Task RunAsync(PostgresServer server)
    {
        var declared = Enumerable.Range(0, ToggleCount).Select(i => new ToggleNamespace("scale").Switch($"t{i}", BenchmarkToggles.Meta("Scale."))).ToList();
        using var folder = new TempFolder("ff-report-");
        var path = folder.PathOf("report.db");
        var sqlite = $"Data Source={path}";
        await using (var store = new SqliteToggleStore(new SqliteToggleStoreOptions { ConnectionString = sqlite }))
        {
            await store.EnsureSchemaAsync();
        }

        var seedClock = Stopwatch.StartNew();
        await using (var connection = new SqliteConnection(sqlite))
        {
            await connection.OpenAsync();
            await SeedAsync(connection, rows => ($"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows})", "n"));
        }

        var sqliteSeed = seedClock.Elapsed;
        var postgres = await server.CreateDatabaseAsync("report");
        await using (var store = new PostgreSqlToggleStore(new PostgreSqlToggleStoreOptions { ConnectionString = postgres }))
        {
            await store.EnsureSchemaAsync();
        }

        seedClock.Restart();
        await using (var connection = new NpgsqlConnection(postgres))
        {
            await connection.OpenAsync();
            await SeedAsync(connection, rows => (string.Empty, $"generate_series(1, {rows}) AS n(i)"));

            // What autovacuum does after a bulk load; without it the planner guesses the audit's size.
            await using var analyze = connection.CreateCommand();
            analyze.CommandText = "ANALYZE";
            await analyze.ExecuteNonQueryAsync();
        }

        var postgresSeed = seedClock.Elapsed;
        SqliteConnection.ClearAllPools();
        var onSqlite = await MeasureAsync(b => b.UseSqlite(sqlite, o => o.ReadOnly = true), declared, ["--sqlite", path]);
        var onPostgres = await MeasureAsync(b => b.UsePostgreSql(postgres, o => o.ReadOnly = true), declared, ["--postgres", postgres]);

        Console.WriteLine($"Seeded {ToggleCount:N0} toggles, {ToggleCount:N0} course overrides and {AuditRows:N0} audit rows: SQLite {sqliteSeed.TotalSeconds:F1} s, PostgreSQL {postgresSeed.TotalSeconds:F1} s.");
        Console.WriteLine();
        Console.WriteLine("| Measurement | SQLite | PostgreSQL | Goal |");
        Console.WriteLine("|---|---|---|---|");
        Row("Full report, cold (new provider, first call)", onSqlite.ReportCold, onPostgres.ReportCold, "< 1 s");
        Row($"Full report, warm (median of {WarmRuns})", onSqlite.ReportWarm, onPostgres.ReportWarm, "< 1 s");
        Row("`show` of one toggle via the library, cold", onSqlite.ShowCold, onPostgres.ShowCold, "< 50 ms");
        Row($"`show` of one toggle via the library, warm (median of {ShowRuns})", onSqlite.ShowWarm, onPostgres.ShowWarm, "< 50 ms");
        Row($"`toggles show` through the CLI's code path, whole command (median of {WarmRuns})", onSqlite.ShowCli, onPostgres.ShowCli, "< 50 ms");
        Row($"For comparison: one toggle's reads (key, override prefix, first/last, last 5 changes; median of {ShowRuns})", onSqlite.OwnReads, onPostgres.OwnReads, "-");
        Row($"For comparison: listing all {Keys:N0} state rows, what `show --dependants` adds (median of {ShowRuns})", onSqlite.ListAll, onPostgres.ListAll, "-");
    }

    private static void Row(string name, TimeSpan sqlite, TimeSpan postgres, string goal)
        => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {sqlite.TotalMilliseconds:F1} ms | {postgres.TotalMilliseconds:F1} ms | {goal} |"));

    private static async Task<Figures> MeasureAsync(Action<FeatureTogglesBuilder> useStore, List<Switch> declared, string[] cliStore)
    {
        var services = new ServiceCollection();
        useStore(services.AddFeatureToggles().AddToggles(declared));
        await using var provider = services.BuildServiceProvider();
        var reporter = provider.GetRequiredService<IToggleReporter>();

        var clock = Stopwatch.StartNew();
        var report = await reporter.CreateReportAsync();
        var reportCold = clock.Elapsed;
        var shown = report.Entries.Single(e => e.Name == Shown);
        if (report.Entries.Count != ToggleCount || shown.FirstModified is null || !shown.CurrentSettings.Contains("1 course", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Unexpected report: {report.Entries.Count} entries; {Shown}: {shown.CurrentSettings}, first modified {shown.FirstModified}.");
        }

        var reportWarm = await MedianAsync(WarmRuns, async () => await reporter.CreateReportAsync());

        // A fresh provider, so the first single-toggle report pays for its connection and schema check.
        var single = new ServiceCollection();
        useStore(single.AddFeatureToggles().AddToggles(declared));
        await using var singleProvider = single.BuildServiceProvider();
        var singleReporter = singleProvider.GetRequiredService<IToggleReporter>();
        clock.Restart();
        var one = await singleReporter.CreateReportAsync([Shown]);
        var showCold = clock.Elapsed;
        if (one.Entries.Single().LastModified != shown.LastModified)
        {
            throw new InvalidOperationException("The one-toggle report disagrees with the full report.");
        }

        var showWarm = await MedianAsync(ShowRuns, async () => await singleReporter.CreateReportAsync([Shown]));
        var store = singleProvider.GetRequiredService<IToggleStore>();
        var listAll = await MedianAsync(ShowRuns, async () => await store.ListAsync(string.Empty));
        var ownReads = await MedianAsync(ShowRuns, async () =>
        {
            await store.GetAsync(Shown);
            await store.ListAsync(ToggleKeys.OverridePrefix(Shown));
            await store.GetModifiedTimesAsync(Shown);
            await store.GetHistoryPageAsync(Shown, null, 5);
        });
        var showCli = await MedianAsync(WarmRuns, async () =>
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var code = await TogglesCommand.RunAsync(["show", Shown, .. cliStore], output, error, new Dictionary<string, string?>());
            if (code != 0 || !output.ToString().Contains("last changes:", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"toggles show failed ({code}): {error}");
            }
        });

        return new Figures(reportCold, reportWarm, showCold, showWarm, showCli, listAll, ownReads);
    }

    private static async Task<TimeSpan> MedianAsync(int runs, Func<Task> run)
    {
        var samples = new List<TimeSpan>(runs);
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await run();
            samples.Add(clock.Elapsed);
        }

        samples.Sort();
        return samples[runs / 2];
    }

    /// <summary>
    /// Writes the rows with set-based SQL in one transaction: key slot <c>s</c> (0 to 19,999) is toggle <c>scale.t{s}</c>
    /// for the first 10,000 and that toggle's course override after; audit version <c>v</c> belongs to slot
    /// <c>(v - 1) % 20,000</c> and was written <c>v</c> seconds after the start, so each key's 50 rows are spread over
    /// the whole audit. Each state row carries its key's last version and times; the version counter ends at 1,000,000.
    /// </summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="series">The dialect's series of <c>i</c> from 1 to a count: a <c>WITH</c> clause (or empty) and a <c>FROM</c> item.</param>
    private static async Task SeedAsync(DbConnection connection, Func<int, (string With, string From)> series)
    {
        static string Quoted(string json) => "'" + json.Replace("'", "''", StringComparison.Ordinal) + "'";
        const string Slot = "((i - 1) % 20000)";
        const string Key = $"CASE WHEN {Slot} < 10000 THEN 'scale.t' || {Slot} ELSE 'scale.t' || ({Slot} - 10000) || '/course/course-v1:Org+C' || ({Slot} - 10000) || '+2026' END";
        var value = $"CASE WHEN {Slot} >= 10000 THEN {Quoted(StoredValueCodec.EncodeOverride(true))} WHEN {Slot} % 2 = 0 THEN {Quoted(StoredValueCodec.EncodeSwitch(true))} ELSE {Quoted(StoredValueCodec.EncodeSwitch(false))} END";
        var (auditWith, auditFrom) = series(AuditRows);
        var (stateWith, stateFrom) = series(Keys);
        const long LastOffset = StartMs + ((long)AuditRows - Keys) * 1000;
        string[] statements =
        [
            $"{auditWith} INSERT INTO ff_audit (version, key, action, before_value, after_value, actor, reason, at) " +
                $"SELECT i, {Key}, CASE WHEN i <= {Keys} THEN 'Created' ELSE 'Updated' END, CASE WHEN i <= {Keys} THEN NULL ELSE {value} END, {value}, 'seed', NULL, {StartMs} + i * 1000 FROM {auditFrom}",
            $"{stateWith} INSERT INTO ff_state (key, value, version, created_at, modified_at, modified_by) " +
                $"SELECT {Key}, {value}, i + {AuditRows - Keys}, {StartMs} + i * 1000, {LastOffset} + i * 1000, 'seed' FROM {stateFrom}",
            $"UPDATE ff_meta SET value = {AuditRows} WHERE name = 'version'",
        ];

        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandTimeout = 600;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private sealed record Figures(TimeSpan ReportCold, TimeSpan ReportWarm, TimeSpan ShowCold, TimeSpan ShowWarm, TimeSpan ShowCli, TimeSpan ListAll, TimeSpan OwnReads);
}
