using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Toggle helpers on <see cref="HttpContext"/>.
/// </summary>
public static class ToggleHttpContextExtensions
{
    /// <summary>
    /// Returns the request's toggle context, or <see langword="null"/> when the toggle middleware has not run.
    /// </summary>
    /// <param name="httpContext">The request.</param>
    /// <returns>The context, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="httpContext"/> is <see langword="null"/>.</exception>
    public static ToggleContext? GetToggleContext(this HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return httpContext.Features.Get<IToggleRequestFeature>()?.Context;
    }

    /// <summary>
    /// Returns whether a toggle is on for the request, as a gate would decide it: a course flag for the route's course,
    /// an organisation flag for the route's organisation, any other toggle on its own.
    /// </summary>
    /// <param name="httpContext">The request.</param>
    /// <param name="toggle">The toggle.</param>
    /// <returns><see langword="true"/> when the toggle is on.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static bool IsToggleEnabled(this HttpContext httpContext, Toggle toggle)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(toggle);
        return ToggleRequests.IsEnabled(httpContext.RequestServices.GetRequiredService<IToggles>(), ToggleRequests.GetFeature(httpContext), toggle, out _);
    }
}
