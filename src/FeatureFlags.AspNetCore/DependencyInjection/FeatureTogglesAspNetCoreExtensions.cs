using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Registers and adds the ASP.NET Core integration.
/// </summary>
public static class FeatureTogglesAspNetCoreExtensions
{
    /// <summary>
    /// Adds the request integration: the toggle context of each request comes from its user, culture, host and route.
    /// Every part is added with TryAdd, so a host can replace <see cref="IToggleContextFactory"/> or
    /// <see cref="IToggleGateHandler"/>. Then call <see cref="UseFeatureToggles"/> after authentication.
    /// </summary>
    /// <param name="builder">The toggles builder from <c>AddFeatureToggles()</c>.</param>
    /// <param name="configure">Configures the options; optional.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static FeatureTogglesBuilder AddAspNetCore(this FeatureTogglesBuilder builder, Action<FeatureTogglesHttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<FeatureTogglesHttpOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FeatureTogglesHttpOptions>, FeatureTogglesHttpOptionsValidator>());
        services.AddHttpContextAccessor();
        services.TryAddSingleton<IToggleContextFactory, HttpToggleContextFactory>();
        services.TryAddSingleton<IToggleGateHandler, NotFoundToggleGateHandler>();

        // The core registers a null accessor as a fallback; a host's own accessor is kept.
        var accessor = services.FirstOrDefault(d => d.ServiceType == typeof(IToggleContextAccessor));
        if (accessor is null || accessor.ImplementationType == typeof(NullToggleContextAccessor))
        {
            services.Replace(ServiceDescriptor.Singleton<IToggleContextAccessor, HttpToggleContextAccessor>());
        }

        return builder;
    }

    /// <summary>
    /// Adds the middleware that opens each request's toggle scope (one consistent answer per toggle for the request),
    /// fills its <see cref="ToggleContext"/>, issues the anonymous id cookie, applies request overrides where allowed and
    /// enforces toggle gates. Place it after <c>UseAuthentication()</c> (it reads the user) and before the endpoints.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The application builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="app"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><c>AddFeatureToggles().AddAspNetCore()</c> was not called.</exception>
    public static IApplicationBuilder UseFeatureToggles(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<IToggleContextFactory>() is null)
        {
            throw new InvalidOperationException("UseFeatureToggles() needs the toggle services: call builder.Services.AddFeatureToggles().AddAspNetCore() first.");
        }

        if (app.ApplicationServices.GetRequiredService<IOptions<FeatureTogglesHttpOptions>>().Value.FlowTestOverridesIntoTestServer)
        {
            TestServerFlow.PreserveExecutionContext(app.ApplicationServices.GetService<IServer>());
        }

        return app.UseMiddleware<FeatureTogglesMiddleware>();
    }
}
