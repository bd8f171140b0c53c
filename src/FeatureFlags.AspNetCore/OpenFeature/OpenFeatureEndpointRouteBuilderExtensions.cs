using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Maps the OpenFeature Remote Evaluation Protocol (OFREP), so OpenFeature clients in any language evaluate toggles
/// through their OFREP provider.
/// </summary>
public static class OpenFeatureEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST {prefix}/ofrep/v1/evaluate/flags/{key}</c> (one toggle) and <c>POST {prefix}/ofrep/v1/evaluate/flags</c>
    /// (every toggle this mapping answers, with an <c>ETag</c>; <c>If-None-Match</c> gives 304). Point an OFREP
    /// provider's base URL at <paramref name="prefix"/>.
    /// </summary>
    /// <remarks>
    /// By default only toggles marked <see cref="ToggleMetadata.ExposeToClients"/> answer (others are
    /// <c>FLAG_NOT_FOUND</c>, like unknown keys), evaluated for the caller's own sign-in, as the state endpoint does;
    /// the request's context may name a <c>courseKey</c>, <c>org</c> and <c>language</c>. Answers carry the value, an
    /// OpenFeature reason, the variant <c>on</c> or <c>off</c>, and this library's reason and detail as metadata. Secure it
    /// like any endpoint: <c>.RequireAuthorization(...)</c> on the returned group.
    /// </remarks>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="prefix">The base path the provider is given, such as <c>/</c> or <c>/features</c>.</param>
    /// <param name="configure">Sets the mapping's options; see <see cref="OpenFeatureEvaluationOptions"/>.</param>
    /// <returns>The group holding both endpoints, for example to add <c>.RequireAuthorization()</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> or <paramref name="prefix"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <example><code>app.MapOpenFeatureRemoteEvaluation("/", o => o.TrustRequestContext = false);</code></example>
    public static RouteGroupBuilder MapOpenFeatureRemoteEvaluation(
        this IEndpointRouteBuilder endpoints,
        [StringSyntax("Route")] string prefix = "/",
        Action<OpenFeatureEvaluationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var options = new OpenFeatureEvaluationOptions();
        configure?.Invoke(options);
        options.Validate();
        var endpoint = new OfrepEndpoint(options);
        var group = endpoints.MapGroup(prefix.TrimEnd('/') + "/ofrep/v1/evaluate");
        group.MapPost("/flags/{key}", endpoint.EvaluateFlagAsync).WithDisplayName("OFREP flag evaluation");
        group.MapPost("/flags", endpoint.EvaluateFlagsAsync).WithDisplayName("OFREP bulk evaluation");
        return group;
    }
}
