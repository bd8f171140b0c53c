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

    /// <summary>
    /// Completes when the cache next reloads the whole state (<see cref="ToggleStateChangedEventArgs.IsFullReload"/>),
    /// which it does only after the store answered; the handler is subscribed before this returns and removed when it
    /// completes. Cancelled by <paramref name="cancellationToken"/>, the caller's upper bound.
    /// </summary>
    public static async Task WhenReloadedAsync(IToggleStateMonitor monitor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(object? sender, ToggleStateChangedEventArgs e)
        {
            if (e.IsFullReload)
            {
                done.TrySetResult();
            }
        }

        monitor.StateChanged += Handler;
        try
        {
            await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            monitor.StateChanged -= Handler;
        }
    }

    /// <inheritdoc cref="WhenReloadedAsync(IToggleStateMonitor, CancellationToken)"/>
    public static Task WhenReloaded(this ToggleHarness harness, CancellationToken cancellationToken)
        => WhenReloadedAsync(harness.Provider.GetRequiredService<IToggleStateMonitor>(), cancellationToken);

    /// <inheritdoc cref="WhenAsync(IToggleStateMonitor, Func{bool})"/>
    public static Task WhenApplied(this ToggleHarness harness, Func<bool> condition)
        => WhenAsync(harness.Provider.GetRequiredService<IToggleStateMonitor>(), condition);
}
