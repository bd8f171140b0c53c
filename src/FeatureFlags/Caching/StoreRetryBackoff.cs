namespace FeatureFlags;

/// <summary>
/// The wait between reload attempts while the store fails: it doubles from
/// <see cref="FeatureTogglesOptions.StoreRetryDelay"/> up to <see cref="FeatureTogglesOptions.MaxStoreRetryDelay"/>,
/// and <see cref="Wake"/> cuts it short. Anything the store sends (a reconnected change feed asking for a reload, a
/// notification, this process's own successful write) shows that the store answers again, so recovery follows the
/// store rather than the timer; the timer only paces attempts while nothing is heard.
/// </summary>
internal sealed class StoreRetryBackoff(TimeSpan initialDelay, TimeSpan maxDelay, TimeProvider time)
{
    private TaskCompletionSource _wake = NewSignal();
    private TimeSpan? _next;

    /// <summary>
    /// Called before each attempt: only signs that arrive from then on cut the next wait short, because the attempt
    /// itself already sees whatever happened before it.
    /// </summary>
    public void Arm() => Volatile.Write(ref _wake, NewSignal());

    /// <summary>Ends the current or next wait at once. Safe from any thread.</summary>
    public void Wake() => Volatile.Read(ref _wake).TrySetResult();

    /// <summary>Starts again from the first delay, after an attempt succeeded.</summary>
    public void Reset() => _next = null;

    /// <summary>
    /// Waits for the current delay or a wake-up, whichever comes first, and doubles the next delay.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        var wake = Volatile.Read(ref _wake).Task;
        var delay = _next ?? initialDelay;
        _next = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, maxDelay.Ticks));
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(wake, Task.Delay(delay, time, timer.Token)).ConfigureAwait(false);

        // Releases the timer when woken early.
        await timer.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    // Asynchronous continuations: Wake runs on whichever thread publishes a store change, often a writer's, which
    // must not go on to run the reload loop.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
