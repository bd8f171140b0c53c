namespace FeatureFlags.Storage;

/// <summary>
/// An <see cref="IToggleStore"/> held in process memory. State is lost when the process ends:
/// use it for tests, samples and single-process tools. Thread-safe.
/// </summary>
public sealed class InMemoryToggleStore : IToggleStore
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, ToggleRecord> _records = new(StringComparer.Ordinal);
    private readonly List<ToggleAuditEntry> _audit = [];
    private readonly TimeProvider _time;
    private Action<ToggleStoreChange>[] _observers = [];
    private long _sequence;

    /// <summary>
    /// Initializes a new instance of the <see cref="InMemoryToggleStore"/> class.
    /// </summary>
    /// <param name="timeProvider">The clock for record and audit times; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public InMemoryToggleStore(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public ValueTask<ToggleRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            return new(_records.GetValueOrDefault(key));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ToggleRecord>> GetManyAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new List<ToggleRecord>(keys.Count);
        lock (_lock)
        {
            foreach (var key in keys.Distinct(StringComparer.Ordinal))
            {
                if (_records.TryGetValue(key, out var record))
                {
                    found.Add(record);
                }
            }
        }

        return new(found);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ToggleRecord>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        lock (_lock)
        {
            IReadOnlyList<ToggleRecord> list = [.. _records.Values.Where(r => r.Key.StartsWith(prefix, StringComparison.Ordinal))];
            return new(list);
        }
    }

    /// <inheritdoc />
    public ValueTask<ToggleRecord> SetAsync(string key, string value, long expectedVersion, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        audit.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _records.TryGetValue(key, out var existing);
            var actual = existing?.Version ?? 0;
            if (actual != expectedVersion)
            {
                throw new ToggleConflictException(key, expectedVersion, actual);
            }

            var now = _time.GetUtcNow();
            var record = new ToggleRecord(key, value, ++_sequence, existing?.CreatedAt ?? now, now, audit.Actor);
            _records[key] = record;
            _audit.Add(new ToggleAuditEntry(
                key,
                existing is null ? ToggleAuditAction.Created : ToggleAuditAction.Updated,
                existing?.Value,
                value,
                audit.Actor,
                audit.Reason,
                now,
                record.Version));

            // Observers run under the lock so that they see changes to one key in the order they were made.
            Publish(ToggleStoreChange.Written(record));
            return new(record);
        }
    }

    /// <inheritdoc />
    public ValueTask DeleteAsync(string key, long expectedVersion, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        audit.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_records.TryGetValue(key, out var existing) || existing.Version != expectedVersion)
            {
                throw new ToggleConflictException(key, expectedVersion, existing?.Version ?? 0);
            }

            _records.Remove(key);
            var version = ++_sequence;
            _audit.Add(new ToggleAuditEntry(key, ToggleAuditAction.Deleted, existing.Value, null, audit.Actor, audit.Reason, _time.GetUtcNow(), version));
            Publish(ToggleStoreChange.Deleted(key, version));
            return ValueTask.CompletedTask;
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ToggleAuditEntry>> GetHistoryAsync(string toggleKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(toggleKey);
        var childPrefix = ToggleKeys.OverridePrefix(toggleKey);
        lock (_lock)
        {
            IReadOnlyList<ToggleAuditEntry> list =
                [.. _audit.Where(a => a.Key == toggleKey || a.Key.StartsWith(childPrefix, StringComparison.Ordinal))];
            return new(list);
        }
    }

    /// <inheritdoc />
    public IDisposable Subscribe(Action<ToggleStoreChange> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_lock)
        {
            _observers = [.. _observers, observer];
        }

        return new Subscription(this, observer);
    }

    private void Publish(ToggleStoreChange change)
    {
        foreach (var observer in _observers)
        {
            observer(change);
        }
    }

    private void Unsubscribe(Action<ToggleStoreChange> observer)
    {
        lock (_lock)
        {
            _observers = [.. _observers.Where(o => o != observer)];
        }
    }

    private sealed class Subscription(InMemoryToggleStore store, Action<ToggleStoreChange> observer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                store.Unsubscribe(observer);
            }
        }
    }
}
