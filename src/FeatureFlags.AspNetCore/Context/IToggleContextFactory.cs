using Microsoft.AspNetCore.Http;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Builds the <see cref="ToggleContext"/> of a request. The default reads the user's claims, the request culture and
/// the host as <see cref="FeatureTogglesHttpOptions"/> configure; register your own to read anything else.
/// </summary>
public interface IToggleContextFactory
{
    /// <summary>
    /// Returns the context for a request.
    /// </summary>
    /// <param name="httpContext">The request.</param>
    /// <param name="anonymousId">The visitor's sticky anonymous id, or <see langword="null"/> for a signed-in user.</param>
    /// <param name="requestOverrides">Accepted request overrides by full toggle name; empty unless enabled and present.</param>
    /// <returns>The context.</returns>
    ToggleContext Create(HttpContext httpContext, string? anonymousId, IReadOnlyDictionary<string, bool> requestOverrides);
}
