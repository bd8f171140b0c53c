using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Reads the user id, groups, staff and superuser roles or flag claims from the <see cref="ClaimsPrincipal"/>, the language from the
/// request culture (else the first Accept-Language), and the site from <see cref="FeatureTogglesHttpOptions.SiteResolver"/>.
/// </summary>
internal sealed class HttpToggleContextFactory(IOptions<FeatureTogglesHttpOptions> options) : IToggleContextFactory
{
    private readonly FeatureTogglesHttpOptions _options = options.Value;

    public ToggleContext Create(HttpContext httpContext, string? anonymousId, IReadOnlyDictionary<string, bool> requestOverrides)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(requestOverrides);
        var user = httpContext.User;
        var authenticated = user.Identity?.IsAuthenticated == true;
        var groups = authenticated ? ReadGroups(user, _options.GroupClaimTypes) : [];
        return new ToggleContext
        {
            UserId = authenticated ? ReadUserId(user) : null,
            AnonymousId = authenticated ? null : anonymousId,
            IsAuthenticated = authenticated,
            IsStaff = authenticated && (groups.Any(_options.StaffRoles.Contains) || HasTrueClaim(user, _options.StaffClaimTypes)),
            IsSuperuser = authenticated && (groups.Any(_options.SuperuserRoles.Contains) || HasTrueClaim(user, _options.SuperuserClaimTypes)),
            Groups = groups,
            Language = ReadLanguage(httpContext),
            Site = _options.SiteResolver?.Invoke(httpContext),
            RequestOverrides = requestOverrides,
        };
    }

    /// <summary>
    /// Returns the distinct values of the identity's role claims and of the configured group claim types.
    /// </summary>
    internal static string[] ReadGroups(ClaimsPrincipal user, IList<string> groupClaimTypes)
    {
        var groups = new List<string>();
        foreach (var identity in user.Identities)
        {
            foreach (var claim in identity.Claims)
            {
                if ((claim.Type == identity.RoleClaimType || groupClaimTypes.Contains(claim.Type))
                    && !string.IsNullOrWhiteSpace(claim.Value)
                    && !groups.Contains(claim.Value, StringComparer.Ordinal))
                {
                    groups.Add(claim.Value);
                }
            }
        }

        return [.. groups];
    }

    private static bool HasTrueClaim(ClaimsPrincipal user, IList<string> claimTypes)
        => claimTypes.Count > 0 && user.Claims.Any(c => claimTypes.Contains(c.Type) && bool.TryParse(c.Value, out var value) && value);

    internal string? ReadUserId(ClaimsPrincipal user)
    {
        foreach (var type in _options.UserIdClaimTypes)
        {
            if (user.FindFirst(type) is { Value.Length: > 0 } claim)
            {
                return claim.Value;
            }
        }

        return string.IsNullOrEmpty(user.Identity?.Name) ? null : user.Identity.Name;
    }

    private static string? ReadLanguage(HttpContext httpContext)
    {
        if (httpContext.Features.Get<IRequestCultureFeature>() is { } culture)
        {
            return culture.RequestCulture.UICulture.Name;
        }

        var accepted = httpContext.Request.GetTypedHeaders().AcceptLanguage;
        string? best = null;
        var bestQuality = 0.0;
        foreach (var language in accepted)
        {
            var quality = language.Quality ?? 1.0;
            if (quality > bestQuality && language.Value.HasValue && language.Value != "*")
            {
                best = language.Value.Value;
                bestQuality = quality;
            }
        }

        return best;
    }
}
