using FeatureFlags.Storage;

namespace FeatureFlags.TestUtilities;

/// <summary>
/// The one store fake: wraps a real store and lets a test step into every call. <see cref="Before"/> runs on the
/// caller's thread before each call (throw to fail it, block or await to hold it); <see cref="After"/> runs after each
/// call that succeeded; <see cref="Notifications"/> rewrites or drops each change notification on its way to
/// subscribers. Every call is counted and can be awaited (<see cref="WaitForCallsAsync"/>, <see cref="NextAsync"/>).
/// An outage is a preset of these hooks (<see cref="GoDown"/>, <see cref="ComeBack"/>); while the store is down,
/// changes can still be made to <see cref="Inner"/> directly (the "database" side).
/// </summary>
public sealed class HookableToggleStore(IToggleStore inner) : IToggleStore
{
    private readonly SemaphoreSlim _callSignal = new(0);
    private readonly Lock _gate = new();
    private readonly Dictionary<StoreCall, TaskCompletionSource> _next = [];
    private Action<ToggleStoreChange>[] _observers = [];
    private int _calls;
    private int _subscriptions;

    /// <summary>Gets the wrapped store.</summary>
    public IToggleStore Inner => inner;

    /// <summary>Gets or sets what runs before each call, synchronously on the caller's thread until it first awaits.</summary>
    public Func<StoreCall, CancellationToken, ValueTask>? Before { get; set; }

    /// <summary>Gets or sets what runs after each call that succeeded.</summary>
    public Action<StoreCall>? After { get; set; }

    /// <summary>Gets or sets a rewrite of each notification from the wrapped store; returning null drops it.</summary>
    public Func<ToggleStoreChange, ToggleStoreChange?>? Notifications { get; set; }

    /// <summary>Gets the number of calls made, failed or not.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>
    /// Takes the store down: every call fails (or, with <paramref name="hang"/>, waits until cancelled, then fails)
    /// and notifications are lost, as on a dropped connection; subscribers are told their view may be stale, as a real
    /// store's listener does, so they try to reload and find the store unavailable.
    /// </summary>
    public void GoDown(bool hang = false)
    {
        // WaitForCallsAsync counts from here: calls made while the store was up must not satisfy it.
        while (_callSignal.Wait(0))
        {
        }

        Before = hang ? HangAsync : (_, _) => throw Unavailable();
        Notifications = _ => null;
        Announce(ToggleStoreChange.Everything());
    }

    /// <summary>Ends an outage silently: the next call succeeds, and nothing tells subscribers.</summary>
    public void ComeBack()
    {
        Before = null;
        Notifications = null;
    }

    /// <summary>Ends an outage and tells subscribers to reload, as a real store's change feed does when it reconnects.</summary>
    public void ComeBackAndAnnounce()
    {
        ComeBack();
        Announce(ToggleStoreChange.Everything());
    }

    /// <summary>Sends a notification to every subscriber directly, past <see cref="Notifications"/>.</summary>
    public void Announce(ToggleStoreChange change)
    {
        foreach (var observer in Volatile.Read(ref _observers))
        {
            observer(change);
        }
    }

    /// <summary>Waits until <paramref name="count"/> more calls have been made (since the last <see cref="GoDown"/>), failed or not.</summary>
    public async Task WaitForCallsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        for (var i = 0; i < count; i++)
        {
            await _callSignal.WaitAsync(timeout.Token);
        }
    }

    /// <summary>Returns a task completed by the next call of <paramref name="call"/> that succeeds.</summary>
    public Task NextAsync(StoreCall call)
    {
        lock (_gate)
        {
            if (!_next.TryGetValue(call, out var next))
            {
                _next[call] = next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return next.Task;
        }
    }

    public ValueTask<ToggleRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
        => CallAsync(StoreCall.Get, () => inner.GetAsync(key, cancellationToken), cancellationToken);

    public ValueTask<IReadOnlyList<ToggleRecord>> GetManyAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
        => CallAsync(StoreCall.GetMany, () => inner.GetManyAsync(keys, cancellationToken), cancellationToken);

    public ValueTask<IReadOnlyList<ToggleRecord>> ListAsync(string prefix, CancellationToken cancellationToken = default)
        => CallAsync(StoreCall.List, () => inner.ListAsync(prefix, cancellationToken), cancellationToken);

    public ValueTask<ToggleRecord> SetAsync(string key, string value, long expectedVersion, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
        => CallAsync(StoreCall.Set, () => inner.SetAsync(key, value, expectedVersion, audit, cancellationToken), cancellationToken);

    public async ValueTask DeleteAsync(string key, long expectedVersion, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
        => await CallAsync(StoreCall.Delete, async () => { await inner.DeleteAsync(key, expectedVersion, audit, cancellationToken); return true; }, cancellationToken);

    public ValueTask<IReadOnlyList<ToggleRecord>> WriteBatchAsync(IReadOnlyList<ToggleStoreWrite> writes, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
        => CallAsync(StoreCall.WriteBatch, () => inner.WriteBatchAsync(writes, audit, cancellationToken), cancellationToken);

    public ValueTask<IReadOnlyList<ToggleAuditEntry>> GetHistoryPageAsync(string toggleKey, long? beforeVersion, int limit, CancellationToken cancellationToken = default)
        => CallAsync(StoreCall.GetHistoryPage, () => inner.GetHistoryPageAsync(toggleKey, beforeVersion, limit, cancellationToken), cancellationToken);

    public ValueTask<IReadOnlyList<ToggleAuditEntry>> GetHistoryAsync(string toggleKey, CancellationToken cancellationToken = default)
        => CallAsync(StoreCall.GetHistory, () => inner.GetHistoryAsync(toggleKey, cancellationToken), cancellationToken);

    public ValueTask<IReadOnlyList<ToggleModifiedTimes>> GetModifiedTimesAsync(string? toggleKey = null, CancellationToken cancellationToken = default)
        => CallAsync(StoreCall.GetModifiedTimes, () => inner.GetModifiedTimesAsync(toggleKey, cancellationToken), cancellationToken);

    /// <summary>Gets the number of <see cref="Subscribe"/> calls made (a process cache subscribes when it starts).</summary>
    public int Subscriptions => Volatile.Read(ref _subscriptions);

    public IDisposable Subscribe(Action<ToggleStoreChange> observer)
    {
        Interlocked.Increment(ref _subscriptions);
        lock (_gate)
        {
            _observers = [.. _observers, observer];
        }

        var subscription = inner.Subscribe(change =>
        {
            if ((Notifications is { } rewrite ? rewrite(change) : change) is { } passed)
            {
                observer(passed);
            }
        });
        return new Subscription(this, observer, subscription);
    }

    private static TimeoutException Unavailable() => new("The toggle store is down (simulated).");

    private static async ValueTask HangAsync(StoreCall call, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw Unavailable();
    }

    private async ValueTask<T> CallAsync<T>(StoreCall call, Func<ValueTask<T>> body, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        _callSignal.Release();
        if (Before is { } before)
        {
            await before(call, cancellationToken);
        }

        var result = await body();
        After?.Invoke(call);
        TaskCompletionSource? next;
        lock (_gate)
        {
            _next.Remove(call, out next);
        }

        next?.TrySetResult();
        return result;
    }

    private sealed class Subscription(HookableToggleStore owner, Action<ToggleStoreChange> observer, IDisposable inner) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._observers = [.. owner._observers.Where(o => o != observer)];
            }

            inner.Dispose();
        }
    }
}
