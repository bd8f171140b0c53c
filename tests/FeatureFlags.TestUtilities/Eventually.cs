using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FeatureFlags.TestUtilities;

/// <summary>
/// Waits for conditions that nothing signals, such as health, which is computed when asked: check, yield, check
/// again, for at most 30 s.
/// </summary>
public static class Eventually
{
    public static Task<bool> TrueAsync(Func<bool> condition) => TrueAsync(() => Task.FromResult(condition()));

    public static async Task<bool> TrueAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (timeout.IsCancellationRequested)
            {
                return false;
            }

            await Task.Yield();
        }

        return true;
    }

    /// <summary>Waits until the provider's health checks report <paramref name="status"/>.</summary>
    public static Task<bool> HealthAsync(IServiceProvider provider, HealthStatus status)
    {
        var health = provider.GetRequiredService<HealthCheckService>();
        return TrueAsync(async () => (await health.CheckHealthAsync()).Status == status);
    }
}
