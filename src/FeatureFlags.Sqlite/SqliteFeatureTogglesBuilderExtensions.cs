using FeatureFlags.Sql;
using FeatureFlags.Sqlite;

namespace FeatureFlags;

/// <summary>
/// Chooses the SQLite store for toggle state.
/// </summary>
public static class SqliteFeatureTogglesBuilderExtensions
{
    /// <summary>
    /// Keeps toggle state in a SQLite file, created with its schema on first use.
    /// </summary>
    /// <param name="builder">The toggles builder.</param>
    /// <param name="connectionString">The connection string, such as <c>Data Source=toggles.db</c>.</param>
    /// <param name="configure">Adjusts the other options; optional.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The connection string is empty or the options are invalid.</exception>
    public static FeatureTogglesBuilder UseSqlite(this FeatureTogglesBuilder builder, string connectionString, Action<SqliteToggleStoreOptions>? configure = null)
        => SqlStoreRegistration.Use<SqliteToggleStoreOptions, SqliteToggleStore>(builder, connectionString, configure, (options, time, logger) => new SqliteToggleStore(options, time, logger));
}
