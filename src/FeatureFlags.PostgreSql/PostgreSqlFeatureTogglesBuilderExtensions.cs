using FeatureFlags.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeatureFlags;

/// <summary>
/// Chooses the PostgreSQL store for toggle state.
/// </summary>
public static class PostgreSqlFeatureTogglesBuilderExtensions
{
    /// <summary>
    /// Keeps toggle state in PostgreSQL, shared by every application instance that uses the same database.
    /// The schema is created on first use.
    /// </summary>
    /// <param name="builder">The toggles builder.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="configure">Adjusts the other options; optional.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The connection string is empty or the options are invalid.</exception>
    public static FeatureTogglesBuilder UsePostgreSql(this FeatureTogglesBuilder builder, string connectionString, Action<PostgreSqlToggleStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new PostgreSqlToggleStoreOptions { ConnectionString = connectionString };
        configure?.Invoke(options);
        options.Validate();
        return builder.UseStore(sp => new PostgreSqlToggleStore(options, sp.GetService<TimeProvider>(), sp.GetService<ILogger<PostgreSqlToggleStore>>()));
    }
}
