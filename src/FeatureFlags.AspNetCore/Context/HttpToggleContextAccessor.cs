using Microsoft.AspNetCore.Http;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Supplies the current request's toggle context to evaluations made outside its scope's async flow.
/// </summary>
internal sealed class HttpToggleContextAccessor(IHttpContextAccessor httpContextAccessor) : IToggleContextAccessor
{
    public ToggleContext? Context => httpContextAccessor.HttpContext?.Features.Get<IToggleRequestFeature>()?.Context;
}
