using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.TestUtilities;

/// <summary>
/// Waits for changes to reach a process cache, signalled by <see cref="IToggleStateMonitor.StateChanged"/> rather than polled.
/// </summary>
public static class StateChanges
{
    /// <summary>
    /// Completes when, after a change is applied to the cache, <paramref name="condition"/> holds (or at once if it
    /// already does). The handler is removed when the task completes.
    /// </summary>
    public static Task WhenAsync(IToggleStateMonitor monitor, Func<bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(object? sender, ToggleStateChangedEventArgs e)
        {
            if (condition())
            {
                done.TrySetResult();
            }
        }

        monitor.StateChanged += Handler;
        if (condition())
        {
            done.TrySetResult();
        }

        return done.Task.ContinueWith(_ => monitor.StateChanged -= Handler, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <inheritdoc cref="WhenAsync(IToggleStateMonitor, Func{bool})"/>
    public static Task WhenApplied(this ToggleHarness harness, Func<bool> condition)
        => WhenAsync(harness.Provider.GetRequiredService<IToggleStateMonitor>(), condition);
}
