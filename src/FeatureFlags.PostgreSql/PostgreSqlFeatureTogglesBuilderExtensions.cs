using FeatureFlags.PostgreSql;
using FeatureFlags.Sql;
using Npgsql;

namespace FeatureFlags;

/// <summary>
/// Chooses the PostgreSQL store for toggle state.
/// </summary>
public static class PostgreSqlFeatureTogglesBuilderExtensions
{
    /// <summary>
    /// Keeps toggle state in PostgreSQL, shared by every application instance that uses the same database; each
    /// instance LISTENs for the others' changes. The schema is created on first use. The options
    /// (<see cref="PostgreSqlToggleStoreOptions"/>) are bound from configuration section <c>FeatureToggles:Store</c>
    /// (<c>FeatureToggles:Store:ConnectionString</c>, <c>FeatureToggles:Store:ListenConnectionString</c>, ...) when the
    /// container has an <c>IConfiguration</c>, then adjusted by <paramref name="configure"/>, and validated at start-up.
    /// </summary>
    /// <param name="builder">The toggles builder.</param>
    /// <param name="configure">Adjusts the options after configuration is bound, so what it sets wins; for example
    /// <see cref="PostgreSqlToggleStoreOptions.ConfigureDataSource"/> for token authentication. Optional.</param>
    /// <returns>The builder, to chain further registrations.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <remarks>Invalid options fail the host's start (or, without a host, the first resolution of the store) with one
    /// <c>OptionsValidationException</c> naming every bad key.</remarks>
    public static FeatureTogglesBuilder UsePostgreSql(this FeatureTogglesBuilder builder, Action<PostgreSqlToggleStoreOptions>? configure = null)
        => SqlStoreRegistration.Use<PostgreSqlToggleStoreOptions, PostgreSqlToggleStore>(builder, configure, (options, time, logger) => new PostgreSqlToggleStore(options, time, logger));

    /// <summary>
    /// Keeps toggle state in the PostgreSQL database named by <paramref name="connectionString"/>; see
    /// <see cref="UsePostgreSql(FeatureTogglesBuilder, Action{PostgreSqlToggleStoreOptions}?)"/>. The connection string
    /// given here and what <paramref name="configure"/> sets win over configuration.
    /// </summary>
    /// <param name="builder">The toggles builder.</param>
    /// <param name="connectionString">The Npgsql connection string of the pooled read and write connections (see
    /// <see cref="PostgreSqlToggleStoreOptions.ConnectionString"/> for how idle ones are closed).</param>
    /// <param name="configure">Adjusts the other options, such as a separate listen connection string for deployments
    /// behind PgBouncer; optional.</param>
    /// <returns>The builder, to chain further registrations.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty.</exception>
    public static FeatureTogglesBuilder UsePostgreSql(this FeatureTogglesBuilder builder, string connectionString, Action<PostgreSqlToggleStoreOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UsePostgreSql(options =>
        {
            options.ConnectionString = connectionString;
            configure?.Invoke(options);
        });
    }

    /// <summary>
    /// Keeps toggle state in the PostgreSQL database of <paramref name="dataSource"/>, a data source the application
    /// built (for example with a periodic password provider) and owns: the store reads and writes through it and never
    /// disposes it. Unless <see cref="PostgreSqlToggleStoreOptions.ListenConnectionString"/> is set, the listener holds
    /// one of its connections for as long as the store runs. See
    /// <see cref="UsePostgreSql(FeatureTogglesBuilder, Action{PostgreSqlToggleStoreOptions}?)"/> for the other options.
    /// </summary>
    /// <param name="builder">The toggles builder.</param>
    /// <param name="dataSource">The data source; it wins over a connection string in configuration.</param>
    /// <param name="configure">Adjusts the other options; optional.</param>
    /// <returns>The builder, to chain further registrations.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="dataSource"/> is <see langword="null"/>.</exception>
    public static FeatureTogglesBuilder UsePostgreSql(this FeatureTogglesBuilder builder, NpgsqlDataSource dataSource, Action<PostgreSqlToggleStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return builder.UsePostgreSql(options =>
        {
            options.DataSource = dataSource;
            configure?.Invoke(options);
        });
    }
}
