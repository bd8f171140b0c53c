using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Maps the endpoint that tells front ends which toggles are on for the current user.
/// </summary>
public static class ToggleStateEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET {pattern}</c>, answering <c>{"toggles":{"checkout.new_cart":true,...}}</c> with the toggles marked
    /// <see cref="ToggleMetadata.ExposeToClients"/>, evaluated for the request's user. The answer is per user and is
    /// sent with <c>Cache-Control: no-store</c>. A pattern with a course key route value, such as
    /// <c>/api/courses/{courseKey}/toggles</c>, evaluates course flags for that course.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="pattern">The route pattern.</param>
    /// <returns>The endpoint's builder, for example to add <c>.RequireAuthorization()</c>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static RouteHandlerBuilder MapToggleState(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/toggles")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        return endpoints.MapGet(pattern, static (HttpContext httpContext) =>
            {
                httpContext.Response.Headers.CacheControl = "no-store, private";
                return TypedResults.Ok(new ToggleStateResponse(httpContext.GetClientToggleState()));
            })
            .WithDisplayName("Toggle state for clients");
    }
}
