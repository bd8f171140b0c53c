using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeatureFlags.Sql;

/// <summary>
/// The one way the SQL stores' <c>UseSqlite</c> and <c>UsePostgreSql</c> register themselves, through the options
/// pattern: the options are bound from configuration section <see cref="ConfigurationSection"/>, then adjusted by the
/// caller's code (which wins), validated once at start-up with one message listing every problem, and the store is
/// built by the container with its clock and logger.
/// </summary>
internal static class SqlStoreRegistration
{
    /// <summary>The configuration section the store options are bound from.</summary>
    public const string ConfigurationSection = "FeatureToggles:Store";

    public static FeatureTogglesBuilder Use<TOptions, TStore>(FeatureTogglesBuilder builder, Action<TOptions>? configure, Func<TOptions, TimeProvider?, ILogger<TStore>?, TStore> create)
        where TOptions : SqlToggleStoreOptions, new()
        where TStore : SqlToggleStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        // Registered once and before the caller's Configure below: configure actions run in registration order.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<TOptions>, SqlStoreConfiguration<TOptions>>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, SqlToggleStoreOptionsValidator<TOptions>>());
        var options = services.AddOptions<TOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder.UseStore(sp => create(sp.GetRequiredService<IOptions<TOptions>>().Value, sp.GetService<TimeProvider>(), sp.GetService<ILogger<TStore>>()));
    }
}
