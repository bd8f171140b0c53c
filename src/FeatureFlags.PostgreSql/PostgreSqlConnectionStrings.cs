using Npgsql;

namespace FeatureFlags.PostgreSql;

/// <summary>
/// Shapes the connection strings of the store's two data sources: a pool for reads and writes that lets idle
/// connections go, so an idle instance holds only its listener, and one unpooled connection for LISTEN.
/// </summary>
internal static class PostgreSqlConnectionStrings
{
    private const string IdleLifetimeKeyword = "Connection Idle Lifetime";
    private const string PruningIntervalKeyword = "Connection Pruning Interval";

    /// <summary>Returns the pool's connection string: the user's, with shorter idle defaults where it sets none.</summary>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    public static NpgsqlConnectionStringBuilder ForQueries(PostgreSqlToggleStoreOptions options)
    {
        var connection = Parse(options.ConnectionString, "connection string", options.ReadOnly);
        if (connection.Pooling)
        {
            // Keys lists only the keywords the connection string sets; Npgsql refuses a pruning interval longer than
            // the idle lifetime, so a default never contradicts a value the user chose.
            var setLifetime = connection.Keys.Contains(IdleLifetimeKeyword);
            var setInterval = connection.Keys.Contains(PruningIntervalKeyword);
            if (!setLifetime)
            {
                connection.ConnectionIdleLifetime = Math.Max(PostgreSqlToggleStoreOptions.DefaultConnectionIdleLifetime, connection.ConnectionPruningInterval);
            }

            if (!setInterval)
            {
                connection.ConnectionPruningInterval = Math.Max(1, Math.Min(PostgreSqlToggleStoreOptions.DefaultConnectionPruningInterval, connection.ConnectionIdleLifetime));
            }
        }

        return connection;
    }

    /// <summary>Returns the listener's connection string: unpooled, so it never takes a slot of the query pool.</summary>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    public static NpgsqlConnectionStringBuilder ForListening(PostgreSqlToggleStoreOptions options)
    {
        var connection = options.ListenConnectionString is null
            ? Parse(options.ConnectionString, "connection string", options.ReadOnly)
            : Parse(options.ListenConnectionString, "listen connection string", options.ReadOnly);

        // One long-lived session: a pool would only keep it after the store closes it.
        connection.Pooling = false;
        return connection;
    }

    private static NpgsqlConnectionStringBuilder Parse(string connectionString, string what, bool readOnly)
    {
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(connectionString);
            if (readOnly)
            {
                // Enforced by the server for every session of this store, not only by the absence of writes here.
                connection.Options = $"{connection.Options} -c default_transaction_read_only=on".Trim();
            }

            return connection;
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Invalid PostgreSQL {what}: {ex.Message}", "options", ex);
        }
    }
}
