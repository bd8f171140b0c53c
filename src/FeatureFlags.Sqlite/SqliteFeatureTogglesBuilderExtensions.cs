using FeatureFlags.Sql;
using FeatureFlags.Sqlite;

namespace FeatureFlags;

/// <summary>
/// Chooses the SQLite store for toggle state.
/// </summary>
public static class SqliteFeatureTogglesBuilderExtensions
{
    /// <summary>
    /// Keeps toggle state in a SQLite file, created with its schema on first use. The options
    /// (<see cref="SqliteToggleStoreOptions"/>) are bound from configuration section <c>FeatureToggles:Store</c>
    /// (<c>FeatureToggles:Store:ConnectionString</c>, <c>FeatureToggles:Store:PollInterval</c>, ...) when the container
    /// has an <c>IConfiguration</c>, then adjusted by <paramref name="configure"/>, and validated at start-up.
    /// </summary>
    /// <param name="builder">The toggles builder.</param>
    /// <param name="configure">Adjusts the options after configuration is bound, so what it sets wins; optional.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <remarks>Invalid options fail the host's start (or, without a host, the first resolution of the store) with one
    /// <c>OptionsValidationException</c> naming every bad key.</remarks>
    public static FeatureTogglesBuilder UseSqlite(this FeatureTogglesBuilder builder, Action<SqliteToggleStoreOptions>? configure = null)
        => SqlStoreRegistration.Use<SqliteToggleStoreOptions, SqliteToggleStore>(builder, configure, (options, time, logger) => new SqliteToggleStore(options, time, logger));

    /// <summary>
    /// Keeps toggle state in the SQLite file named by <paramref name="connectionString"/>, created with its schema on
    /// first use. Other options are bound from configuration section <c>FeatureToggles:Store</c> as for
    /// <see cref="UseSqlite(FeatureTogglesBuilder, Action{SqliteToggleStoreOptions}?)"/>; the connection string given
    /// here and what <paramref name="configure"/> sets win over configuration.
    /// </summary>
    /// <param name="builder">The toggles builder.</param>
    /// <param name="connectionString">The connection string, such as <c>Data Source=toggles.db</c>.</param>
    /// <param name="configure">Adjusts the other options; optional.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty.</exception>
    public static FeatureTogglesBuilder UseSqlite(this FeatureTogglesBuilder builder, string connectionString, Action<SqliteToggleStoreOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseSqlite(options =>
        {
            options.ConnectionString = connectionString;
            configure?.Invoke(options);
        });
    }
}
