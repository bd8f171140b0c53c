
namespace FeatureFlags;

// Loading: the background loop, the start-up load, reloads with backoff and key refreshes.
internal sealed partial class ToggleStateCache
{
    private async Task RunAsync()
    {
        var reader = _work.Reader;
        var pendingKeys = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
            {
                var reload = false;
                var startup = false;
                while (reader.TryRead(out var item))
                {
                    switch (item.Kind)
                    {
                        case CacheWorkKind.ReloadAll:
                            reload = true;
                            break;
                        case CacheWorkKind.Startup:
                            startup = true;
                            break;
                        default:
                            pendingKeys.Add(item.Key!);
                            break;
                    }
                }

                _retry.Arm();
                try
                {
                    if (reload)
                    {
                        await LoadAllAsync().ConfigureAwait(false);
                    }
                    else if (startup)
                    {
                        // The shared start-up load may have finished before these keys changed.
                        await InitialLoad().ConfigureAwait(false);
                        await RefreshKeysAsync(pendingKeys).ConfigureAwait(false);
                    }
                    else
                    {
                        await RefreshKeysAsync(pendingKeys).ConfigureAwait(false);
                    }

                    pendingKeys.Clear();
                    Health.ReportSuccess();
                    _retry.Reset();
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !_stopping.IsCancellationRequested)
                {
                    Health.ReportFailure(reload || startup ? "loading toggle state" : "refreshing changed toggles", ex);
                    _firstAttempt.TrySetResult();

                    // Whatever changed while the store was away is picked up by one full reload once it answers again.
                    pendingKeys.Clear();
                    await _retry.WaitAsync(_stopping.Token).ConfigureAwait(false);
                    _work.Writer.TryWrite(CacheWork.ReloadAll);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    /// <summary>
    /// Returns the one initial load, starting it on the calling thread if nobody has: the background loop and the
    /// first evaluation share it, so the store is read once at start-up.
    /// </summary>
    private Task InitialLoad()
    {
        if (Volatile.Read(ref _initialLoad) is { } existing)
        {
            return existing;
        }

        // Whoever wins starts the load on its own thread; everyone else gets the same task at once, never blocking on
        // another thread's start (which, with event handlers that evaluate toggles, could deadlock).
        var cold = new Task<Task>(LoadAllAsync);
        var load = cold.Unwrap();
        if (Interlocked.CompareExchange(ref _initialLoad, load, null) is { } winner)
        {
            return winner;
        }

        cold.RunSynchronously(TaskScheduler.Default);
        return load;
    }

    private async Task LoadAllAsync()
    {
        using var activity = ToggleTelemetry.Source.StartActivity("featureflags.load");
        // Keys that notifications change while this load runs: the snapshot may predate those changes.
        var touched = new HashSet<string>(StringComparer.Ordinal);
        lock (_lock)
        {
            _activeLoads.Add(touched);
        }

        IReadOnlyList<ToggleRecord> records;
        try
        {
            using var timeout = StartStoreCall();
            records = await _store.ListAsync(string.Empty, timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            lock (_lock)
            {
                _activeLoads.Remove(touched);
            }

            throw;
        }

        lock (_lock)
        {
            _activeLoads.Remove(touched);
            var changes = new List<Change>(records.Count);
            foreach (var record in records)
            {
                changes.Add(new Change(record.Key, record, record.Version));
            }

            // A key known here but absent from the snapshot was deleted, unless a notification wrote it after the
            // load began (then the snapshot is the older view). Deletions carry no record, so their sequence
            // number cannot be compared with the snapshot's; the touched set decides instead.
            var present = new HashSet<string>(records.Select(r => r.Key), StringComparer.Ordinal);
            foreach (var (key, version) in _versions)
            {
                if (!present.Contains(key) && !touched.Contains(key))
                {
                    changes.Add(new Change(key, null, version));
                }
            }

            ApplyLocked(changes, isSnapshot: true);
        }

        _loaded = true;

        // Ready and healthy before anyone is told: a StateChanged handler that evaluates must not wait for the first
        // load, and one that checks health after a recovery must see it.
        _ready = true;
        Health.ReportSuccess();
        Log.StateLoaded(_logger, records.Count);
        _firstAttempt.TrySetResult();
        RaiseStateChanged([.. records.Select(r => r.Key)], isFullReload: true);
    }

    private async Task RefreshKeysAsync(HashSet<string> keys)
    {
        if (keys.Count == 0)
        {
            return;
        }

        IReadOnlyList<ToggleRecord> records;
        using (var timeout = StartStoreCall())
        {
            records = await _store.GetManyAsync(keys, timeout.Token).ConfigureAwait(false);
        }

        lock (_lock)
        {
            var changes = new List<Change>(keys.Count);
            var found = new HashSet<string>(StringComparer.Ordinal);
            var now = _time.GetUtcNow();
            foreach (var record in records)
            {
                found.Add(record.Key);
                changes.Add(new Change(record.Key, record, record.Version));
                _telemetry.ChangeApplied(now - record.ModifiedAt);
            }

            foreach (var key in keys)
            {
                if (!found.Contains(key))
                {
                    // Deleted: the deletion's sequence number is unknown here, so order it after everything seen.
                    changes.Add(new Change(key, null, _versions.GetValueOrDefault(key) + 1));
                }
            }

            ApplyLocked(changes, isSnapshot: false);
        }

        RaiseStateChanged([.. keys], isFullReload: false);
    }

    private CancellationTokenSource StartStoreCall()
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_options.StoreOperationTimeout);
        return timeout;
    }

    /// <summary>
    /// Returns true the first time a given version of a key is found invalid, so reloads do not repeat the warning.
    /// Called under the cache lock.
    /// </summary>
    private bool FirstReport(ToggleRecord record)
    {
        if (_reportedInvalid.TryGetValue(record.Key, out var version) && version == record.Version)
        {
            return false;
        }

        _reportedInvalid[record.Key] = record.Version;
        return true;
    }
}
