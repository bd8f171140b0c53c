using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FeatureFlags;

/// <summary>
/// Registers services whose implementation a toggle chooses.
/// </summary>
public static class ToggledServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TService"/> so that each resolution returns <typeparamref name="TWhenOn"/> while
    /// <paramref name="toggle"/> is on and <typeparamref name="TWhenOff"/> while it is off. With the default scoped
    /// lifetime the toggle is read once per request (or scope) in that request's context, so a user keeps one
    /// implementation for the whole request even if an administrator flips the toggle meanwhile.
    /// </summary>
    /// <typeparam name="TService">The service type consumers depend on.</typeparam>
    /// <typeparam name="TWhenOn">The implementation used while the toggle is on.</typeparam>
    /// <typeparam name="TWhenOff">The implementation used while the toggle is off.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="toggle">The toggle that chooses. A course or organisation flag is read without a course or organisation.</param>
    /// <param name="lifetime">The lifetime of the service and both implementations: scoped or transient.</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="lifetime"/> is singleton: the choice would be made once for the life of the process.</exception>
    /// <example>
    /// <code>services.AddToggled&lt;IPaymentGateway, NewGateway, LegacyGateway&gt;(Toggles.NewGateway);</code>
    /// </example>
    public static IServiceCollection AddToggled<TService, TWhenOn, TWhenOff>(this IServiceCollection services, Toggle toggle, ServiceLifetime lifetime = ServiceLifetime.Scoped)
        where TService : class
        where TWhenOn : class, TService
        where TWhenOff : class, TService
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(toggle);
        if (lifetime == ServiceLifetime.Singleton)
        {
            throw new ArgumentException(
                $"{typeof(TService).Name} switched by '{toggle.FullName}' cannot be a singleton: the toggle would be read once for the life of the process. Use Scoped (once per request) or Transient.",
                nameof(lifetime));
        }

        services.TryAdd(ServiceDescriptor.Describe(typeof(TWhenOn), typeof(TWhenOn), lifetime));
        services.TryAdd(ServiceDescriptor.Describe(typeof(TWhenOff), typeof(TWhenOff), lifetime));
        services.Add(ServiceDescriptor.Describe(
            typeof(TService),
            sp => sp.GetRequiredService<IToggles>().IsEnabled(toggle) ? sp.GetRequiredService<TWhenOn>() : sp.GetRequiredService<TWhenOff>(),
            lifetime));
        return services;
    }
}
