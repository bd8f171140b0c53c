using Microsoft.AspNetCore.Http;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// A request that a toggle gate closed.
/// </summary>
public sealed class ToggleGateContext
{
    internal ToggleGateContext(HttpContext httpContext, Toggle toggle, bool requiredState, string? subject)
    {
        HttpContext = httpContext;
        Toggle = toggle;
        RequiredState = requiredState;
        Subject = subject;
    }

    /// <summary>
    /// Gets the request.
    /// </summary>
    public HttpContext HttpContext { get; }

    /// <summary>
    /// Gets the toggle whose state closed the gate.
    /// </summary>
    public Toggle Toggle { get; }

    /// <summary>
    /// Gets the state the toggle needed to have.
    /// </summary>
    public bool RequiredState { get; }

    /// <summary>
    /// Gets the course or organisation key the toggle was evaluated for, or <see langword="null"/>.
    /// </summary>
    public string? Subject { get; }
}
