namespace FeatureFlags.AspNetCore;

/// <summary>
/// The toggle view of the current request, set on <c>HttpContext.Features</c> by the toggle middleware.
/// </summary>
public interface IToggleRequestFeature
{
    /// <summary>
    /// Gets the context every toggle in the request is evaluated with.
    /// </summary>
    ToggleContext Context { get; }

    /// <summary>
    /// Gets the course key from the route, or <see langword="null"/> when the route has none.
    /// </summary>
    string? CourseKey { get; }

    /// <summary>
    /// Gets the organisation from the route, else the course key's organisation, or <see langword="null"/>.
    /// </summary>
    string? Organization { get; }
}
