using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Gates endpoints (minimal APIs, route groups, controllers, Razor Pages) on toggles.
/// </summary>
public static class ToggleGateEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Lets requests through only while <paramref name="toggle"/> is on for the request's user; otherwise the
    /// <see cref="IToggleGateHandler"/> answers (404 by default). A course flag is evaluated for the route's course key,
    /// an organisation flag for the route's organisation (see <see cref="FeatureTogglesHttpOptions.CourseRouteValue"/>).
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <param name="toggle">The toggle.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static TBuilder RequireToggle<TBuilder>(this TBuilder builder, Toggle toggle)
        where TBuilder : IEndpointConventionBuilder
        => Gate(builder, toggle, requiredState: true);

    /// <summary>
    /// Lets requests through only while <paramref name="toggle"/> is off, for example for the old endpoint that a new
    /// one replaces; otherwise the <see cref="IToggleGateHandler"/> answers (404 by default).
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <param name="toggle">The toggle.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static TBuilder RequireToggleDisabled<TBuilder>(this TBuilder builder, Toggle toggle)
        where TBuilder : IEndpointConventionBuilder
        => Gate(builder, toggle, requiredState: false);

    private static TBuilder Gate<TBuilder>(TBuilder builder, Toggle toggle, bool requiredState)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(toggle);
        builder.WithMetadata(new ToggleGateMetadata(toggle, requiredState));

        // The middleware enforces gates from metadata; the filter (route handlers only) keeps them enforced in a
        // pipeline without it. Either way a request is checked once.
        builder.AddEndpointFilter(static async (context, next) =>
            await ToggleGates.PassAsync(context.HttpContext).ConfigureAwait(false) ? await next(context).ConfigureAwait(false) : Results.Empty);
        return builder;
    }
}
