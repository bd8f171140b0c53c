using FeatureFlags.PostgreSql;
using FeatureFlags.Sql;

namespace FeatureFlags;

/// <summary>
/// Chooses the PostgreSQL store for toggle state.
/// </summary>
public static class PostgreSqlFeatureTogglesBuilderExtensions
{
    /// <summary>
    /// Keeps toggle state in PostgreSQL, shared by every application instance that uses the same database; each
    /// instance LISTENs for the others' changes. The schema is created on first use.
    /// </summary>
    /// <param name="builder">The toggles builder.</param>
    /// <param name="connectionString">The Npgsql connection string of the pooled read and write connections (see
    /// <see cref="PostgreSqlToggleStoreOptions.ConnectionString"/> for how idle ones are closed).</param>
    /// <param name="configure">Adjusts the other options, such as a separate listen connection string for deployments
    /// behind PgBouncer; optional.</param>
    /// <returns>The builder, to chain further registrations.</returns>
    /// <exception cref="ArgumentException">The connection string is empty, or the options are invalid (checked here, at
    /// registration, not at the first evaluation).</exception>
    public static FeatureTogglesBuilder UsePostgreSql(this FeatureTogglesBuilder builder, string connectionString, Action<PostgreSqlToggleStoreOptions>? configure = null)
        => SqlStoreRegistration.Use<PostgreSqlToggleStoreOptions, PostgreSqlToggleStore>(builder, connectionString, configure, (options, time, logger) => new PostgreSqlToggleStore(options, time, logger));
}
