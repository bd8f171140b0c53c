using System.Security.Claims;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Turns the request's user into the <see cref="ToggleActor"/> the admin path checks and audits.
/// </summary>
public static class ToggleActors
{
    /// <summary>
    /// Returns an actor named after the user (the identity's name, else its user id claim) with the user's roles and
    /// groups, or <see langword="null"/> for an anonymous user or one with neither name nor id.
    /// </summary>
    /// <param name="user">The user.</param>
    /// <param name="options">The options naming the id and group claim types.</param>
    /// <returns>The actor, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ToggleActor? FromUser(ClaimsPrincipal user, FeatureTogglesHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(options);
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var name = user.Identity.Name;
        if (string.IsNullOrWhiteSpace(name))
        {
            name = options.UserIdClaimTypes.Select(t => user.FindFirst(t)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        }

        return string.IsNullOrWhiteSpace(name) ? null : new ToggleActor(name, HttpToggleContextFactory.ReadGroups(user, options.GroupClaimTypes));
    }
}
