using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Opens the request's toggle scope with a context read from the request, issues the anonymous id cookie, applies
/// request overrides where allowed and enforces the toggle gates of the endpoint.
/// </summary>
internal sealed class FeatureTogglesMiddleware
{
    private readonly RequestDelegate _next;
    private readonly IToggles _toggles;
    private readonly IToggleContextFactory _contextFactory;
    private readonly FeatureTogglesHttpOptions _options;
    private readonly ICourseKeyParser _courseKeys;
    private readonly RequestOverrideReader _overrides;

    public FeatureTogglesMiddleware(
        RequestDelegate next,
        IToggles toggles,
        IToggleContextFactory contextFactory,
        ICourseKeyParser courseKeys,
        IToggleRegistry registry,
        IOptions<FeatureTogglesOptions> toggleOptions,
        IOptions<FeatureTogglesHttpOptions> options,
        IHostEnvironment environment,
        ToggleStateCache cache,
        ILogger<FeatureTogglesMiddleware> logger)
    {
        _next = next;
        _toggles = toggles;
        _contextFactory = contextFactory;
        _options = options.Value;
        _courseKeys = courseKeys;
        _overrides = new RequestOverrideReader(
            toggleOptions, options, registry, environment, toggle => cache.GetState(toggle).IsTesting, logger);
    }

    public async Task InvokeAsync(HttpContext httpContext)
    {
        var overrides = _overrides.Read(httpContext, out var problem);
        if (problem is not null)
        {
            await Results.Problem(title: "Invalid toggle override", detail: problem, statusCode: StatusCodes.Status400BadRequest)
                .ExecuteAsync(httpContext)
                .ConfigureAwait(false);
            return;
        }

        var issued = false;
        var anonymousId = httpContext.User.Identity?.IsAuthenticated == true ? null : AnonymousId(httpContext, out issued);
        var context = _contextFactory.Create(httpContext, anonymousId, overrides);
        httpContext.Features.Set<IToggleRequestFeature>(ToggleRequests.CreateFeature(httpContext, context, _options, _courseKeys));
        if (issued)
        {
            // Only a response whose answers depended on the new id carries it: health checks, 404s and pages that
            // evaluate no percent rollout leave the visitor without a cookie (and the next request draws a new id).
            httpContext.Response.OnStarting(static state =>
            {
                var (middleware, http, context, id) = ((FeatureTogglesMiddleware, HttpContext, ToggleContext, string))state;
                if (context.AnonymousIdUsed)
                {
                    middleware.IssueCookie(http, id);
                }

                return Task.CompletedTask;
            }, (this, httpContext, context, anonymousId!));
        }

        using var scope = _toggles.BeginScope(context);
        if (await ToggleGates.PassAsync(httpContext).ConfigureAwait(false))
        {
            await _next(httpContext).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Returns the visitor's id from the cookie, or a new random one when it is missing or malformed
    /// (<paramref name="issued"/>: the cookie is written only if an evaluation uses it).
    /// </summary>
    private string? AnonymousId(HttpContext httpContext, out bool issued)
    {
        issued = false;
        if (!_options.IssueAnonymousIdCookie)
        {
            return null;
        }

        if (httpContext.Request.Cookies.TryGetValue(_options.AnonymousIdCookieName, out var existing) && IsValidId(existing))
        {
            return existing;
        }

        issued = true;
        return Guid.NewGuid().ToString("N");
    }

    private void IssueCookie(HttpContext httpContext, string id)
        => httpContext.Response.Cookies.Append(_options.AnonymousIdCookieName, id, new CookieOptions
        {
            HttpOnly = true,
            Secure = httpContext.Request.IsHttps || _options.AlwaysSecureAnonymousIdCookie,
            SameSite = SameSiteMode.Lax,
            IsEssential = false,
            Path = "/",
            MaxAge = _options.AnonymousIdCookieLifetime,
        });

    private static bool IsValidId(string? value) => value is { Length: 32 } && value.All(char.IsAsciiHexDigitLower);
}
