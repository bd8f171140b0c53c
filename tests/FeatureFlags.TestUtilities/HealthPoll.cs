using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FeatureFlags.TestUtilities;

/// <summary>
/// Waits for health, the one thing tests wait on that nothing signals: health checks are computed when asked, and
/// <see cref="IToggleStateMonitor.IsStoreAvailable"/> changes without an event (<see cref="IToggleStateMonitor.StateChanged"/>
/// fires only when state is applied). So these are polled, every 10 ms for at most 30 s. Anything that waits for a
/// change to be applied uses the event-driven <see cref="StateChanges"/> instead, never this.
/// </summary>
public static class HealthPoll
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(10);

    /// <summary>Returns true once the provider's health checks report <paramref name="status"/>, false if they never do.</summary>
    public static Task<bool> StatusAsync(IServiceProvider provider, HealthStatus status)
    {
        var health = provider.GetRequiredService<HealthCheckService>();
        return UntilAsync(async () => (await health.CheckHealthAsync()).Status == status);
    }

    /// <summary>Returns true once the cache reports the store unavailable (after a failed access), false if it never does.</summary>
    public static Task<bool> StoreUnavailableAsync(IToggleStateMonitor monitor)
        => UntilAsync(() => Task.FromResult(!monitor.IsStoreAvailable));

    /// <summary>
    /// Returns true once a health condition holds (such as an HTTP health endpoint's answer), false if it never does.
    /// The pause between checks keeps the poll from competing with the recovery it watches.
    /// </summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> healthCondition)
    {
        using var limit = new CancellationTokenSource(Limit);
        while (!await healthCondition())
        {
            if (limit.IsCancellationRequested)
            {
                return false;
            }

            await Task.Delay(Pace, CancellationToken.None);
        }

        return true;
    }
}
