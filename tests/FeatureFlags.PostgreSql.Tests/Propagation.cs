using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.PostgreSql.Tests;

internal static class Propagation
{
    /// <summary>
    /// Completes when, after a change is applied to the harness's cache, <paramref name="condition"/> holds (or at once if
    /// it already does). Signalled by the cache, not polled.
    /// </summary>
    public static Task WhenApplied(ToggleHarness harness, Func<bool> condition)
    {
        var monitor = harness.Provider.GetRequiredService<IToggleStateMonitor>();
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        monitor.StateChanged += (_, _) =>
        {
            if (condition())
            {
                seen.TrySetResult();
            }
        };
        if (condition())
        {
            seen.TrySetResult();
        }

        return seen.Task;
    }

    /// <summary>
    /// Retries an operation while the server is still coming back (connection refused); gives up after 30 s.
    /// </summary>
    public static async Task RetryWhileUnavailableAsync(Func<Task> operation)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                await operation();
                return;
            }
            catch (Npgsql.NpgsqlException) when (!timeout.IsCancellationRequested)
            {
                await Task.Yield();
            }
        }
    }
}
