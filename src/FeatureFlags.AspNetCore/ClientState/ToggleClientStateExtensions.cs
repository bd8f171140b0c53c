using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// The state of the toggles marked <see cref="ToggleMetadata.ExposeToClients"/>, for front ends.
/// </summary>
public static class ToggleClientStateExtensions
{
    /// <summary>
    /// Returns the evaluated state of every toggle marked for clients, by full name, for the request's user, in the
    /// request's scope (so it agrees with what the server decided in the same request). Course and organisation flags
    /// are evaluated for the route's course or organisation when it has one. Add it to an existing API response to
    /// save the front end a round trip.
    /// </summary>
    /// <param name="httpContext">The request.</param>
    /// <returns>The toggle states, ordered by name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="httpContext"/> is <see langword="null"/>.</exception>
    /// <example><code>app.MapGet("/api/profile", (HttpContext http) => new { name = "Ada", toggles = http.GetClientToggleState() });</code></example>
    public static IReadOnlyDictionary<string, bool> GetClientToggleState(this HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var services = httpContext.RequestServices;
        var toggles = services.GetRequiredService<IToggles>();
        var feature = ToggleRequests.GetFeature(httpContext);
        var state = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        foreach (var toggle in services.GetRequiredService<IToggleRegistry>().Toggles)
        {
            if (toggle.Metadata.ExposeToClients)
            {
                state[toggle.FullName] = ToggleRequests.IsEnabled(toggles, feature, toggle, out _);
            }
        }

        return state;
    }
}
