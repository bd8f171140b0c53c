using Npgsql;

namespace FeatureFlags.PostgreSql.Tests;

/// <summary>
/// The server's view of one application's sessions in one database: <c>pg_stat_activity</c>'s client backends whose
/// <c>application_name</c> matches, read over a connection of its own application name so it never counts itself.
/// </summary>
internal sealed class ServerSessions(string connectionString)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _monitor = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "ff-test-monitor", Pooling = false }.ConnectionString;
    private readonly string _database = new NpgsqlConnectionStringBuilder(connectionString).Database!;

    /// <summary>Returns the last statement of each session of <paramref name="applicationName"/>.</summary>
    public async Task<IReadOnlyList<string>> QueriesAsync(string applicationName)
    {
        await using var connection = new NpgsqlConnection(_monitor);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT query FROM pg_stat_activity WHERE backend_type = 'client backend' AND datname = @database AND application_name = @application",
            connection);
        command.Parameters.AddWithValue("database", _database);
        command.Parameters.AddWithValue("application", applicationName);
        var queries = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            queries.Add(reader.GetString(0));
        }

        return queries;
    }

    /// <summary>
    /// Reads the sessions until <paramref name="condition"/> holds or a minute has passed, and returns the last reading
    /// so the caller asserts the state it saw. Polled: nothing signals that the server opened or ended a session.
    /// </summary>
    public async Task<IReadOnlyList<string>> WhenAsync(string applicationName, Func<IReadOnlyList<string>, bool> condition)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            var queries = await QueriesAsync(applicationName);
            if (condition(queries) || timeout.IsCancellationRequested)
            {
                return queries;
            }

            // A pause between readings keeps the poll from competing with the work it watches.
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    /// <summary>Returns whether the sessions are exactly one listener, waiting for notifications.</summary>
    public static bool OnlyTheListener(IReadOnlyList<string> queries) => queries is [var only] && IsListener(only);

    public static bool IsListener(string query) => query.StartsWith("LISTEN ", StringComparison.Ordinal);
}
