using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Enforces the toggle gates of the request's endpoint once per request, whichever of the middleware, the endpoint
/// filter or the MVC filter gets there first.
/// </summary>
internal static class ToggleGates
{
    private static readonly object CheckedKey = new();

    /// <summary>
    /// Returns whether the request may go on; when not, the gate handler has written the response.
    /// </summary>
    public static async ValueTask<bool> PassAsync(HttpContext httpContext)
    {
        if (httpContext.Items.ContainsKey(CheckedKey))
        {
            return true;
        }

        // Before routing there is no endpoint yet: leave the check to a later caller (a filter).
        var endpoint = httpContext.GetEndpoint();
        if (endpoint is null)
        {
            return true;
        }

        httpContext.Items[CheckedKey] = true;
        var gates = endpoint.Metadata.GetOrderedMetadata<IToggleGateMetadata>();
        if (gates.Count == 0)
        {
            return true;
        }

        var services = httpContext.RequestServices;
        var toggles = services.GetRequiredService<IToggles>();
        var registry = services.GetRequiredService<IToggleRegistry>();
        var feature = ToggleRequests.GetFeature(httpContext);
        using var activity = ToggleTelemetry.Source.StartActivity("featureflags.gate");
        foreach (var gate in gates)
        {
            var toggle = Resolve(gate, registry, endpoint);
            var value = ToggleRequests.IsEnabled(toggles, feature, toggle, out var subject);
            if (value != gate.RequiredState)
            {
                activity?.SetTag(FeatureTogglesDiagnostics.ToggleTag, toggle.FullName);
                activity?.SetTag("featureflags.gate.open", false);
                activity?.SetStatus(ActivityStatusCode.Ok);
                var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ToggleGates).FullName!);
                Log.GateClosed(logger, toggle.FullName, gate.RequiredState ? "on" : "off", httpContext.Request.Method, httpContext.Request.Path);
                await services.GetRequiredService<IToggleGateHandler>()
                    .OnGateClosedAsync(new ToggleGateContext(httpContext, toggle, gate.RequiredState, subject))
                    .ConfigureAwait(false);
                return false;
            }
        }

        activity?.SetTag("featureflags.gate.open", true);
        return true;
    }

    internal static Toggle Resolve(IToggleGateMetadata gate, IToggleRegistry registry, Endpoint endpoint)
    {
        if (gate is ToggleGateMetadata { Toggle: var toggle })
        {
            return toggle;
        }

        return registry.TryGet(gate.ToggleName, out var declared)
            ? declared
            : throw new InvalidOperationException(
                $"Endpoint '{endpoint.DisplayName}' is gated on toggle '{gate.ToggleName}', which is not declared. Declare it and register it with AddFeatureToggles().AddToggles(...) or AddTogglesFromAssembly(...).");
    }
}
