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
        => ToggleStoreBatch.SetAsync(this, key, value, expectedVersion, audit, cancellationToken);

    /// <inheritdoc />
    public ValueTask DeleteAsync(string key, long expectedVersion, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
        => ToggleStoreBatch.DeleteAsync(this, key, expectedVersion, audit, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ToggleRecord>> WriteBatchAsync(IReadOnlyList<ToggleStoreWrite> writes, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
    {
        ToggleStoreBatch.Validate(writes, audit);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_lock)
        {
            // Check every version first, so a conflict anywhere leaves the whole batch unapplied.
            foreach (var write in writes)
            {
                _records.TryGetValue(write.Key, out var existing);
                if ((existing?.Version ?? 0) != write.ExpectedVersion || (write.IsDelete && existing is null))
                {
                    throw new ToggleConflictException(write.Key, write.ExpectedVersion, existing?.Version ?? 0);
                }
            }

            var written = new List<ToggleRecord>(writes.Count);
            var changes = new List<ToggleStoreChange>(writes.Count);
            var now = _time.GetUtcNow();
            foreach (var write in writes)
            {
                _records.TryGetValue(write.Key, out var existing);
                var version = ++_sequence;
                ToggleStoreChange change;
                if (write.IsDelete)
                {
                    _records.Remove(write.Key);
                    _audit.Add(new ToggleAuditEntry(write.Key, ToggleAuditAction.Deleted, existing!.Value, null, audit.Actor, audit.Reason, now, version));
                    change = ToggleStoreChange.Deleted(write.Key, version);
                }
                else
                {
                    var record = new ToggleRecord(write.Key, write.Value!, version, existing?.CreatedAt ?? now, now, audit.Actor);
                    _records[write.Key] = record;
                    _audit.Add(new ToggleAuditEntry(
                        write.Key,
                        existing is null ? ToggleAuditAction.Created : ToggleAuditAction.Updated,
                        existing?.Value,
                        write.Value,
                        audit.Actor,
                        audit.Reason,
                        now,
                        version));
                    written.Add(record);
                    change = ToggleStoreChange.Written(record);
                }

                changes.Add(change);
            }

            // Observers run under the lock so that they see changes to one key in the order they were made.
            if (changes.Count > 0)
            {
                Publish(ToggleStoreChange.Batch(changes));
            }

            return new(written);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ToggleAuditEntry>> GetHistoryPageAsync(string toggleKey, long? beforeVersion, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(toggleKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var childPrefix = ToggleKeys.OverridePrefix(toggleKey);
        var before = beforeVersion ?? long.MaxValue;
        lock (_lock)
        {
            IReadOnlyList<ToggleAuditEntry> list =
            [
                .. _audit.AsEnumerable().Reverse()
                    .Where(a => a.Version < before && (a.Key == toggleKey || a.Key.StartsWith(childPrefix, StringComparison.Ordinal)))
                    .Take(limit),
            ];
            return new(list);
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
    public ValueTask<IReadOnlyList<ToggleModifiedTimes>> GetModifiedTimesAsync(string? toggleKey = null, CancellationToken cancellationToken = default)
    {
        if (toggleKey is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(toggleKey);
        }

        var childPrefix = toggleKey is null ? null : ToggleKeys.OverridePrefix(toggleKey);
        var times = new Dictionary<string, (DateTimeOffset First, DateTimeOffset Last)>(StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var entry in _audit)
            {
                if (toggleKey is not null && entry.Key != toggleKey && !entry.Key.StartsWith(childPrefix!, StringComparison.Ordinal))
                {
                    continue;
                }

                times[entry.Key] = times.TryGetValue(entry.Key, out var known)
                    ? (entry.At < known.First ? entry.At : known.First, entry.At > known.Last ? entry.At : known.Last)
                    : (entry.At, entry.At);
            }
        }

        IReadOnlyList<ToggleModifiedTimes> list = [.. times.Select(t => new ToggleModifiedTimes(t.Key, t.Value.First, t.Value.Last))];
        return new(list);
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
