using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeatureFlags.Sql;

/// <summary>
/// The one way the SQL stores' <c>UseSqlite</c> and <c>UsePostgreSql</c> register themselves: options from the
/// connection string and the caller's adjustments, validated at registration (a bad option fails there, not at the
/// first evaluation), and a store built with the container's clock and logger.
/// </summary>
internal static class SqlStoreRegistration
{
    public static FeatureTogglesBuilder Use<TOptions, TStore>(FeatureTogglesBuilder builder, string connectionString, Action<TOptions>? configure, Func<TOptions, TimeProvider?, ILogger<TStore>?, TStore> create)
        where TOptions : SqlToggleStoreOptions, new()
        where TStore : SqlToggleStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new TOptions { ConnectionString = connectionString };
        configure?.Invoke(options);
        options.Validate();
        return builder.UseStore(services => create(options, services.GetService<TimeProvider>(), services.GetService<ILogger<TStore>>()));
    }
}
