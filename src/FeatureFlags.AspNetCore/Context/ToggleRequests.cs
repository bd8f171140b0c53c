using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Evaluates toggles for a request, with the course or organisation its route names.
/// </summary>
internal static class ToggleRequests
{
    /// <summary>
    /// Returns the middleware's feature, else one read from the route now (a pipeline without the middleware).
    /// </summary>
    public static IToggleRequestFeature GetFeature(HttpContext httpContext)
    {
        if (httpContext.Features.Get<IToggleRequestFeature>() is { } feature)
        {
            return feature;
        }

        var services = httpContext.RequestServices;
        return CreateFeature(
            httpContext,
            services.GetService<IToggleContextAccessor>()?.Context ?? ToggleContext.Anonymous,
            services.GetRequiredService<IOptions<FeatureTogglesHttpOptions>>().Value,
            services.GetRequiredService<ICourseKeyParser>());
    }

    public static ToggleRequestFeature CreateFeature(HttpContext httpContext, ToggleContext context, FeatureTogglesHttpOptions options, ICourseKeyParser courseKeys)
    {
        var courseKey = RouteString(httpContext, options.CourseRouteValue);
        var organization = RouteString(httpContext, options.OrganizationRouteValue);
        if (organization is null && courseKey is not null)
        {
            var parsed = courseKeys.GetOrganization(courseKey);
            organization = parsed.IsEmpty ? null : parsed.ToString();
        }

        return new ToggleRequestFeature(context, courseKey, organization);
    }

    /// <summary>
    /// Evaluates a toggle for the request: a course flag for the route's course, an organisation flag for its
    /// organisation, any other toggle (or a flag whose key the route lacks) on its own.
    /// </summary>
    public static bool IsEnabled(IToggles toggles, IToggleRequestFeature feature, Toggle toggle, out string? subject)
    {
        switch (toggle)
        {
            case CourseFlag course when feature.CourseKey is { } courseKey:
                subject = courseKey;
                return toggles.IsEnabled(course, courseKey);
            case OrgFlag org when feature.Organization is { } organization:
                subject = organization;
                return toggles.IsEnabled(org, organization);
            default:
                subject = null;
                return toggles.IsEnabled(toggle);
        }
    }

    private static string? RouteString(HttpContext httpContext, string? name)
        => name is not null && httpContext.GetRouteValue(name) is { } value && Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) is { Length: > 0 } text
            ? text
            : null;
}
