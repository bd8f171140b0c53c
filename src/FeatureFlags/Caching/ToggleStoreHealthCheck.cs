using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FeatureFlags;

/// <summary>
/// Reports the toggle store: Healthy when it answers; Degraded while it does not, because evaluation then serves the
/// last known state (or code defaults) and changes are not seen. Never Unhealthy: the application keeps working.
/// </summary>
/// <example><code>services.AddHealthChecks().AddCheck&lt;ToggleStoreHealthCheck&gt;("feature-toggles");</code></example>
public sealed class ToggleStoreHealthCheck : IHealthCheck
{
    private readonly IToggleStateMonitor _monitor;

    /// <summary>
    /// Initializes a new instance of the <see cref="ToggleStoreHealthCheck"/> class.
    /// </summary>
    /// <param name="monitor">The cache monitor.</param>
    public ToggleStoreHealthCheck(IToggleStateMonitor monitor)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        _monitor = monitor;
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = (_monitor.IsStoreAvailable, _monitor.IsLoaded) switch
        {
            (true, true) => HealthCheckResult.Healthy("The toggle store answers."),
            (true, false) => HealthCheckResult.Degraded("The toggle store has not been loaded yet; code defaults are served."),
            (false, true) => HealthCheckResult.Degraded("The toggle store is unavailable; the last known toggle state is served."),
            (false, false) => HealthCheckResult.Degraded("The toggle store is unavailable and was never loaded; code defaults are served."),
        };
        return Task.FromResult(result);
    }
}
