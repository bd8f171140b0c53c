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
    /// <see cref="ToggleMetadata.ExposeToClients"/>, evaluated for the request's user. The answer is per user: it is
    /// sent with a strong <c>ETag</c> hashed from the body and <c>Cache-Control: private, no-cache</c>, so a browser or
    /// mobile app revalidates it with <c>If-None-Match</c> and gets <c>304 Not Modified</c> while nothing changed. A
    /// pattern with a course key route value, such as <c>/api/courses/{courseKey}/toggles</c>, evaluates course flags
    /// for that course.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="pattern">The route pattern.</param>
    /// <returns>The endpoint's builder, for example to add <c>.RequireAuthorization()</c>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static RouteHandlerBuilder MapToggleState(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/toggles")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        // A Func rather than a RequestDelegate, so the map returns a RouteHandlerBuilder as it always has.
        Func<HttpContext, Task> handler = static async httpContext =>
        {
            using var body = ToggleStateJson.Write(httpContext.GetClientToggleState());
            await ConditionalJson.WriteRevalidatableAsync(httpContext, body).ConfigureAwait(false);
        };
        return endpoints.MapGet(pattern, handler)
            .WithDisplayName("Toggle state for clients");
    }
}
