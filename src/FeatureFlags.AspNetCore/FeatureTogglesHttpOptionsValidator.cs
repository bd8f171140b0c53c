using Microsoft.Extensions.Options;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Validates <see cref="FeatureTogglesHttpOptions"/> at start-up and reports every problem in one message.
/// </summary>
internal sealed class FeatureTogglesHttpOptionsValidator : IValidateOptions<FeatureTogglesHttpOptions>
{
    public ValidateOptionsResult Validate(string? name, FeatureTogglesHttpOptions options)
    {
        var problems = new List<string>();
        CheckList(options.UserIdClaimTypes, nameof(options.UserIdClaimTypes), problems, allowEmpty: false);
        CheckList(options.GroupClaimTypes, nameof(options.GroupClaimTypes), problems, allowEmpty: true);
        CheckList(options.StaffRoles, nameof(options.StaffRoles), problems, allowEmpty: true);
        CheckList(options.SuperuserRoles, nameof(options.SuperuserRoles), problems, allowEmpty: true);
        CheckList(options.StaffClaimTypes, nameof(options.StaffClaimTypes), problems, allowEmpty: true);
        CheckList(options.SuperuserClaimTypes, nameof(options.SuperuserClaimTypes), problems, allowEmpty: true);
        if (string.IsNullOrWhiteSpace(options.AnonymousIdCookieName))
        {
            problems.Add($"{nameof(options.AnonymousIdCookieName)} must not be empty");
        }

        if (options.AnonymousIdCookieLifetime <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(options.AnonymousIdCookieLifetime)} must be positive (was {options.AnonymousIdCookieLifetime})");
        }

        if (string.IsNullOrWhiteSpace(options.OverrideQueryPrefix))
        {
            problems.Add($"{nameof(options.OverrideQueryPrefix)} must not be empty: every query parameter would be read as an override");
        }

        if (string.IsNullOrWhiteSpace(options.OverrideHeaderName))
        {
            problems.Add($"{nameof(options.OverrideHeaderName)} must not be empty");
        }

        if (options.CourseRouteValue is { Length: 0 } || options.OrganizationRouteValue is { Length: 0 })
        {
            problems.Add("route value names must be null (off) or non-empty");
        }

        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Invalid FeatureTogglesHttpOptions: " + string.Join("; ", problems) + ".");
    }

    private static void CheckList(IList<string> values, string name, List<string> problems, bool allowEmpty)
    {
        if (!allowEmpty && values.Count == 0)
        {
            problems.Add($"{name} must name at least one claim type");
        }

        if (values.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add($"{name} must not contain empty entries");
        }
    }
}
