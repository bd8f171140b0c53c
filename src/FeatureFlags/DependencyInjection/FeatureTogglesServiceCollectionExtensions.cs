using System.Diagnostics.Metrics;
using FeatureFlags.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FeatureFlags;

/// <summary>
/// Registers the toggle services.
/// </summary>
public static class FeatureTogglesServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IToggles"/>, <see cref="IToggleAdmin"/>, <see cref="IToggleRegistry"/> and their parts.
    /// Every part is added with TryAdd, so a host can replace any of them. Calling it again adds to the same registrations.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options; optional.</param>
    /// <returns>A builder to declare toggles and choose a store.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static FeatureTogglesBuilder AddFeatureToggles(this IServiceCollection services, Action<FeatureTogglesOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var registrations = services
            .FirstOrDefault(d => d.ServiceType == typeof(ToggleRegistrations) && d.ImplementationInstance is not null)?
            .ImplementationInstance as ToggleRegistrations;
        if (registrations is null)
        {
            registrations = new ToggleRegistrations();
            services.AddSingleton(registrations);
        }

        var options = services.AddOptions<FeatureTogglesOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FeatureTogglesOptions>, FeatureTogglesOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IToggleStore>(sp => new InMemoryToggleStore(sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IToggleRegistry>(sp => new ToggleRegistry(sp.GetRequiredService<ToggleRegistrations>()));
        services.TryAddSingleton<IToggleContextAccessor, NullToggleContextAccessor>();
        services.TryAddSingleton<ICourseKeyParser, CourseKeyParser>();
        services.TryAddSingleton(sp => new ToggleTelemetry(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => new ToggleRuleRegistry(sp.GetRequiredService<ToggleRegistrations>().Rules, sp));
        services.TryAddSingleton(sp => new ToggleStateCache(
            sp.GetRequiredService<IToggleStore>(),
            sp.GetRequiredService<IToggleRegistry>(),
            sp.GetRequiredService<IOptions<FeatureTogglesOptions>>(),
            Logger<ToggleStateCache>(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ToggleTelemetry>(),
            sp.GetService<IConfiguration>(),
            sp.GetRequiredService<ToggleRuleRegistry>()));
        services.TryAddSingleton<IToggleStateMonitor>(sp => sp.GetRequiredService<ToggleStateCache>());
        services.TryAddSingleton<IToggles>(sp => new ToggleEvaluator(
            sp.GetRequiredService<ToggleStateCache>(),
            sp.GetRequiredService<IToggleContextAccessor>(),
            sp.GetRequiredService<ICourseKeyParser>(),
            sp.GetRequiredService<IOptions<FeatureTogglesOptions>>(),
            Logger<ToggleEvaluator>(sp),
            sp.GetRequiredService<ToggleTelemetry>()));
        services.TryAddSingleton<IToggleAdmin>(sp => new ToggleAdmin(
            sp.GetRequiredService<IToggleStore>(),
            sp.GetRequiredService<IToggleRegistry>(),
            sp.GetRequiredService<IOptions<FeatureTogglesOptions>>().Value,
            Logger<ToggleAdmin>(sp),
            sp.GetRequiredService<ToggleRuleRegistry>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ToggleReporter(
            sp.GetRequiredService<IToggleStore>(),
            sp.GetRequiredService<IToggleRegistry>(),
            sp.GetRequiredService<IOptions<FeatureTogglesOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IConfiguration>(),
            sp.GetService<IHostEnvironment>()?.EnvironmentName));
        services.TryAddSingleton<IToggleReporter>(sp => sp.GetRequiredService<ToggleReporter>());
        services.TryAddSingleton<IToggleCatalog>(sp => new ToggleCatalog(
            sp.GetRequiredService<IToggleStore>(),
            sp.GetRequiredService<IToggleRegistry>(),
            sp.GetRequiredService<ToggleReporter>()));
        services.TryAddSingleton<IToggleStateTransfer>(sp => new ToggleStateTransfer(
            sp.GetRequiredService<IToggleStore>(),
            sp.GetRequiredService<IToggleAdmin>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, FeatureTogglesStartup>());

        return new FeatureTogglesBuilder(services, registrations);
    }

    // Logging is optional: without AddLogging() the toggles log nowhere rather than fail to resolve.
    private static ILogger<T> Logger<T>(IServiceProvider services)
        => (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<T>();
}
