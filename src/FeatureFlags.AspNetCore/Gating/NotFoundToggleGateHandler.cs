using Microsoft.AspNetCore.Http;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Answers 404: a feature that is off looks like one that does not exist.
/// </summary>
internal sealed class NotFoundToggleGateHandler : IToggleGateHandler
{
    public ValueTask OnGateClosedAsync(ToggleGateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.HttpContext.Response.HasStarted)
        {
            context.HttpContext.Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return ValueTask.CompletedTask;
    }
}
