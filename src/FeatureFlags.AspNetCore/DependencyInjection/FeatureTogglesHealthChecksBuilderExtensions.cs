using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Adds the toggle store's health check.
/// </summary>
public static class FeatureTogglesHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="ToggleStoreHealthCheck"/>: Healthy while the store answers, Degraded (never Unhealthy, because
    /// toggles keep serving the last known state) while it does not.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="tags">Tags to filter checks by, such as <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IHealthChecksBuilder AddFeatureToggleStore(this IHealthChecksBuilder builder, string name = "feature-toggles", params IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.AddCheck<ToggleStoreHealthCheck>(name, failureStatus: HealthStatus.Degraded, tags: tags);
    }
}
