namespace FeatureFlags.AspNetCore;

/// <summary>
/// The names of the OpenFeature evaluation context attributes that the OFREP endpoints map onto a
/// <see cref="ToggleContext"/>. Any other attribute goes into <see cref="ToggleContext.Attributes"/> as text.
/// </summary>
public static class OpenFeatureContextAttributes
{
    /// <summary>The user id (<see cref="ToggleContext.UserId"/>): OpenFeature's own targeting key, a string.</summary>
    public const string TargetingKey = "targetingKey";

    /// <summary>The user's groups (<see cref="ToggleContext.Groups"/>), an array of strings.</summary>
    public const string Groups = "groups";

    /// <summary>Whether the user is staff (<see cref="ToggleContext.IsStaff"/>), a boolean.</summary>
    public const string Staff = "staff";

    /// <summary>Whether the user is a superuser (<see cref="ToggleContext.IsSuperuser"/>), a boolean.</summary>
    public const string Superuser = "superuser";

    /// <summary>
    /// Whether the user is signed in (<see cref="ToggleContext.IsAuthenticated"/>), a boolean; when absent, a context
    /// with a targeting key is authenticated.
    /// </summary>
    public const string Authenticated = "authenticated";

    /// <summary>The user's language (<see cref="ToggleContext.Language"/>), such as <c>fr-CA</c>.</summary>
    public const string Language = "language";

    /// <summary>The site (tenant) for site overrides (<see cref="ToggleContext.Site"/>), such as <c>shop.example.com</c>.</summary>
    public const string Site = "site";

    /// <summary>The course that course flags are evaluated for, such as <c>course-v1:DemoX+Intro+2026</c>.</summary>
    public const string CourseKey = "courseKey";

    /// <summary>The organisation that organisation flags are evaluated for; when absent, the course key's organisation.</summary>
    public const string Organization = "org";
}
