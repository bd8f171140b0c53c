using FeatureFlags.Storage;

namespace FeatureFlags.TestUtilities;

/// <summary>
/// Wraps a real store and fails, or hangs, on demand, to test behaviour during a store outage.
/// While it is down, changes can still be made to the inner store directly (the "database" side),
/// and are seen only once the wrapper is up again.
/// </summary>
public sealed class FaultyToggleStore(IToggleStore inner) : IToggleStore
{
    private volatile bool _down;
    private volatile bool _hang;
    private readonly SemaphoreSlim _readSignal = new(0);
    private Action<ToggleStoreChange>[] _observers = [];
    private int _reads;
    private int _subscriptions;
    private TaskCompletionSource _nextSuccessfulList = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IToggleStore Inner => inner;

    /// <summary>Gets the number of read calls made, failed or not.</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>Gets the number of <see cref="Subscribe"/> calls: each starts or joins the store's change feed.</summary>
    public int Subscriptions => Volatile.Read(ref _subscriptions);

    /// <summary>
    /// Takes the store down and tells listeners that their view may be stale, as a real store's listener does when
    /// its connection drops; they then try to reload and find the store unavailable.
    /// </summary>
    public void GoDown(bool hang = false)
    {
        // WaitForReadsAsync counts from here: reads made while the store was up must not satisfy it.
        while (_readSignal.Wait(0))
        {
        }

        _hang = hang;
        _down = true;
        foreach (var observer in Volatile.Read(ref _observers))
        {
            observer(ToggleStoreChange.Everything);
        }
    }

    /// <summary>Waits until <paramref name="count"/> more read calls have been made (since the last <see cref="GoDown"/>), failed or not.</summary>
    public async Task WaitForReadsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        for (var i = 0; i < count; i++)
        {
            await _readSignal.WaitAsync(timeout.Token);
        }
    }

    public void ComeBack() => _down = false;

    /// <summary>
    /// Comes back and tells listeners to reload, as a real store's change feed does when it reconnects.
    /// </summary>
    public void ComeBackAndAnnounce()
    {
        _down = false;
        foreach (var observer in Volatile.Read(ref _observers))
        {
            observer(ToggleStoreChange.Everything);
        }
    }

    /// <summary>Returns a task completed by the next full listing that succeeds.</summary>
    public Task NextSuccessfulListAsync() => Volatile.Read(ref _nextSuccessfulList).Task;

    public async ValueTask<ToggleRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await FailIfDownAsync(cancellationToken);
        return await inner.GetAsync(key, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<ToggleRecord>> GetManyAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        await FailIfDownAsync(cancellationToken);
        return await inner.GetManyAsync(keys, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<ToggleRecord>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        await FailIfDownAsync(cancellationToken);
        var list = await inner.ListAsync(prefix, cancellationToken);
        Interlocked.Exchange(ref _nextSuccessfulList, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return list;
    }

    public async ValueTask<ToggleRecord> SetAsync(string key, string value, long expectedVersion, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
    {
        await FailIfDownAsync(cancellationToken);
        return await inner.SetAsync(key, value, expectedVersion, audit, cancellationToken);
    }

    public async ValueTask DeleteAsync(string key, long expectedVersion, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
    {
        await FailIfDownAsync(cancellationToken);
        await inner.DeleteAsync(key, expectedVersion, audit, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<ToggleRecord>> WriteBatchAsync(IReadOnlyList<ToggleStoreWrite> writes, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
    {
        await FailIfDownAsync(cancellationToken);
        return await inner.WriteBatchAsync(writes, audit, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<ToggleAuditEntry>> GetHistoryPageAsync(string toggleKey, long? beforeVersion, int limit, CancellationToken cancellationToken = default)
    {
        await FailIfDownAsync(cancellationToken);
        return await inner.GetHistoryPageAsync(toggleKey, beforeVersion, limit, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<ToggleAuditEntry>> GetHistoryAsync(string toggleKey, CancellationToken cancellationToken = default)
    {
        await FailIfDownAsync(cancellationToken);
        return await inner.GetHistoryAsync(toggleKey, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<ToggleModifiedTimes>> GetModifiedTimesAsync(string? toggleKey = null, CancellationToken cancellationToken = default)
    {
        await FailIfDownAsync(cancellationToken);
        return await inner.GetModifiedTimesAsync(toggleKey, cancellationToken);
    }

    /// <summary>
    /// Passes notifications on only while the store is up, like a connection that is lost during an outage;
    /// on recovery listeners must reload to catch up.
    /// </summary>
    public IDisposable Subscribe(Action<ToggleStoreChange> observer)
    {
        Interlocked.Increment(ref _subscriptions);
        lock (_readSignal)
        {
            _observers = [.. _observers, observer];
        }

        return inner.Subscribe(change =>
        {
            if (!_down)
            {
                observer(change);
            }
        });
    }

    private async ValueTask FailIfDownAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        _readSignal.Release();
        if (!_down)
        {
            return;
        }

        if (_hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        throw new TimeoutException("The toggle store is down (simulated).");
    }
}
