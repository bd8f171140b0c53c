using FeatureFlags.Storage;

namespace FeatureFlags.Sql;

// Change notifications: observers, and the change feed started with the first one.
public abstract partial class SqlToggleStore
{
    /// <inheritdoc />
    public IDisposable Subscribe(Action<ToggleStoreChange> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        bool first;
        lock (_observersLock)
        {
            first = _observers.Length == 0;
            _observers = [.. _observers, observer];
        }

        if (first)
        {
            lock (_observersLock)
            {
                _changeFeed ??= Task.Run(() => RunChangeFeedAsync(_stopping.Token));
            }
        }

        return new Subscription(this, observer);
    }

    /// <summary>
    /// Sends a change to every observer. Observer exceptions are swallowed so one observer cannot break the feed.
    /// </summary>
    /// <param name="change">The change.</param>
    protected void Publish(ToggleStoreChange change)
    {
        foreach (var observer in Volatile.Read(ref _observers))
        {
            try
            {
                observer(change);
            }
#pragma warning disable CA1031 // An observer's failure must not stop the others or the writer.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private sealed class Subscription(SqlToggleStore store, Action<ToggleStoreChange> observer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                lock (store._observersLock)
                {
                    store._observers = [.. store._observers.Where(o => o != observer)];
                }
            }
        }
    }
}
