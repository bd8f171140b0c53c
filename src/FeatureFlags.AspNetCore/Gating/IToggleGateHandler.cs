namespace FeatureFlags.AspNetCore;

/// <summary>
/// Answers a request that a toggle gate closed. The default answers 404 Not Found, as if the endpoint did not exist;
/// register your own (for example to redirect, or to answer 403) with <c>services.AddSingleton&lt;IToggleGateHandler, MyHandler&gt;()</c>.
/// </summary>
public interface IToggleGateHandler
{
    /// <summary>
    /// Writes the response for a closed gate.
    /// </summary>
    /// <param name="context">The request and the gate that closed it.</param>
    /// <returns>A task that completes when the response is written.</returns>
    ValueTask OnGateClosedAsync(ToggleGateContext context);
}
