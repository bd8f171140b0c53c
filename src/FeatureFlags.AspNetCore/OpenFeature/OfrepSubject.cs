using static FeatureFlags.AspNetCore.OpenFeatureContextAttributes;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Who an OFREP request is evaluated for, and the course and organisation that course and organisation flags are
/// evaluated for (<see langword="null"/>: the flag is evaluated on its own).
/// </summary>
internal sealed record OfrepSubject(ToggleContext Context, string? CourseKey, string? Organization)
{
    /// <summary>
    /// Returns the subject of a request: the body's context when it is trusted, else the caller's own context with
    /// the body's course, organisation and language; or <see langword="null"/> and the reason the context is refused.
    /// </summary>
    public static OfrepSubject? Resolve(OfrepRequest request, IToggleRequestFeature caller, bool trustRequestContext, ICourseKeyParser courseKeys, out string? problem)
    {
        problem = null;
        var context = trustRequestContext ? FromRequest(request) : ForCaller(request, caller.Context, out problem);
        if (context is null)
        {
            return null;
        }

        var courseKey = request.CourseKey ?? caller.CourseKey;
        var organization = request.Organization;
        if (organization is null && request.CourseKey is not null)
        {
            var parsed = courseKeys.GetOrganization(request.CourseKey);
            organization = parsed.IsEmpty ? null : parsed.ToString();
        }

        return new OfrepSubject(context, courseKey, organization ?? caller.Organization);
    }

    private static ToggleContext FromRequest(OfrepRequest request) => new()
    {
        UserId = request.TargetingKey,
        IsAuthenticated = request.Authenticated ?? request.TargetingKey is not null,
        Groups = request.Groups ?? [],
        IsStaff = request.Staff ?? false,
        IsSuperuser = request.Superuser ?? false,
        Language = request.Language,
        Site = request.Site,
        Attributes = request.Attributes ?? (IReadOnlyDictionary<string, string>)ToggleContext.Anonymous.Attributes,
    };

    /// <summary>
    /// The caller's own context. Identity attributes may only repeat it; the same object is returned when nothing
    /// changes, so the request's scope cache answers.
    /// </summary>
    private static ToggleContext? ForCaller(OfrepRequest request, ToggleContext caller, out string? problem)
    {
        problem = Disagreement(request, caller);
        if (problem is not null)
        {
            return null;
        }

        if ((request.Language is null || request.Language == caller.Language) && request.Attributes is null)
        {
            return caller;
        }

        var attributes = caller.Attributes;
        if (request.Attributes is { } added)
        {
            var merged = new Dictionary<string, string>(caller.Attributes, StringComparer.Ordinal);
            foreach (var (name, value) in added)
            {
                merged[name] = value;
            }

            attributes = merged;
        }

        return new ToggleContext
        {
            UserId = caller.UserId,
            AnonymousId = caller.AnonymousId,
            IsAuthenticated = caller.IsAuthenticated,
            IsStaff = caller.IsStaff,
            IsSuperuser = caller.IsSuperuser,
            Groups = caller.Groups,
            Language = request.Language ?? caller.Language,
            Site = caller.Site,
            Attributes = attributes,
            RequestOverrides = caller.RequestOverrides,
        };
    }

    private static string? Disagreement(OfrepRequest request, ToggleContext caller)
    {
        const string Advice = " Answers are for the signed-in caller: leave identity attributes out of the context (a trusted server can be allowed to send them with TrustRequestContext).";
        if (request.TargetingKey is { } key && !string.Equals(key, caller.UserId, StringComparison.Ordinal))
        {
            return caller.UserId is null
                ? $"The context's {TargetingKey} '{key}' cannot be used: no user is signed in.{Advice}"
                : $"The context's {TargetingKey} '{key}' is not the signed-in user.{Advice}";
        }

        if (request.Groups is { } groups && groups.FirstOrDefault(g => !caller.Groups.Contains(g, StringComparer.Ordinal)) is { } foreign)
        {
            return $"The context's {Groups} name '{foreign}', which the signed-in user is not in.{Advice}";
        }

        var differing = Differs(request.Staff, caller.IsStaff) ? Staff
            : Differs(request.Superuser, caller.IsSuperuser) ? Superuser
            : Differs(request.Authenticated, caller.IsAuthenticated) ? Authenticated
            : null;
        if (differing is not null)
        {
            return $"The context's {differing} does not match the signed-in user.{Advice}";
        }

        if (request.Site is { } site && !string.Equals(new ToggleContext { Site = site }.Site, caller.Site, StringComparison.Ordinal))
        {
            return $"The context's {Site} '{site}' is not the site of the request.{Advice}";
        }

        return null;
    }

    private static bool Differs(bool? claimed, bool actual) => claimed is { } value && value != actual;
}
