
namespace FeatureFlags;

// Loading: the background loop, the start-up load, reloads with backoff and key refreshes.
internal sealed partial class ToggleStateCache
{
    private async Task RunAsync()
    {
        var reader = _work.Reader;
        var pendingKeys = new Dictionary<string, long?>(StringComparer.Ordinal);
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
            {
                // null: no reload asked for; 0: reload whatever was loaded; more: reload unless a load held that version.
                long? reloadUpTo = null;
                var startup = false;
                while (reader.TryRead(out var item))
                {
                    switch (item.Kind)
                    {
                        case CacheWorkKind.ReloadAll:
                            reloadUpTo = item.Version is not { } upToVersion || reloadUpTo == 0 ? 0 : Math.Max(reloadUpTo ?? 0, upToVersion);
                            break;
                        case CacheWorkKind.Startup:
                            startup = true;
                            break;
                        default:
                            // The newest version announced for the key, if any was.
                            pendingKeys[item.Key!] = pendingKeys.GetValueOrDefault(item.Key!) is { } known && known >= (item.Version ?? 0) ? known : item.Version;
                            break;
                    }
                }

                _retry.Arm();
                try
                {
                    if (startup)
                    {
                        await InitialLoad().ConfigureAwait(false);
                    }

                    if (reloadUpTo is { } upTo)
                    {
                        // After the start-up load, not beside it: a feed's first "reload everything" arrives while that
                        // load runs; and when that load already held the version the feed started listening at, it has
                        // seen everything the feed could have missed.
                        await WhenStartupLoadEndsAsync().ConfigureAwait(false);
                        if (upTo == 0 || Volatile.Read(ref _loadedThrough) < upTo)
                        {
                            await LoadAllAsync().ConfigureAwait(false);
                            pendingKeys.Clear();
                        }
                    }

                    await RefreshKeysAsync(pendingKeys).ConfigureAwait(false);
                    pendingKeys.Clear();
                    Health.ReportSuccess();
                    _retry.Reset();
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !_stopping.IsCancellationRequested)
                {
                    Health.ReportFailure(reloadUpTo is not null || startup ? "loading toggle state" : "refreshing changed toggles", ex);
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

    private async Task WhenStartupLoadEndsAsync()
    {
        if (Volatile.Read(ref _initialLoad) is { IsCompleted: false } startup)
        {
            try
            {
                await startup.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Its failure is reported by whoever awaits it; the reload below tries again.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private async Task LoadAllAsync()
    {
        using var activity = ToggleTelemetry.Source.StartActivity("featureflags.load");
        // Keys that notifications change while this load runs: the snapshot may predate those changes.
        var (records, touched) = await ReadWhileWatchingAsync(ct => FeatureFlags.Storage.StoredToggles.ListAsync(_store, ct)).ConfigureAwait(false);
        lock (_lock)
        {
            _activeLoads.Remove(touched);
            Volatile.Write(ref _loadedThrough, ApplySnapshotLocked(records, touched));
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

    /// <summary>
    /// Reads back keys whose notifications did not carry their value. <paramref name="keys"/> maps each key to the
    /// version its notification announced (0 when none).
    /// </summary>
    private async Task RefreshKeysAsync(Dictionary<string, long?> keys)
    {
        if (keys.Count == 0)
        {
            return;
        }

        // Keys that notifications change while this read runs: for those, the read may be the older view.
        var (records, touched) = await ReadWhileWatchingAsync(ct => _store.GetManyAsync(keys.Keys, ct)).ConfigureAwait(false);
        List<string> applied;
        lock (_lock)
        {
            _activeLoads.Remove(touched);
            var changes = new List<Change>(keys.Count);
            var found = new HashSet<string>(StringComparer.Ordinal);
            foreach (var record in records)
            {
                found.Add(record.Key);
                changes.Add(new Change(record.Key, record, record.Version));
            }

            foreach (var (key, announced) in keys)
            {
                if (!found.Contains(key) && !touched.Contains(key))
                {
                    // Deleted, at or after the announced version; when none was announced the version is unknown and
                    // the deletion applies whatever is held (the read saw the key absent, and nothing newer came since).
                    changes.Add(new Change(key, null, announced));
                }
            }

            applied = ApplyLocked(changes);
        }

        var now = _time.GetUtcNow();
        foreach (var record in records)
        {
            _telemetry.ChangeApplied(now - record.ModifiedAt);
        }

        if (applied.Count > 0)
        {
            RaiseStateChanged(applied, isFullReload: false);
        }
    }

    /// <summary>
    /// Runs a store read while recording the keys that notifications change meanwhile. The caller takes the set out of
    /// <see cref="_activeLoads"/> under the lock in which it applies the read, so no change slips in between; on failure
    /// this does.
    /// </summary>
    private async Task<(T Result, HashSet<string> Touched)> ReadWhileWatchingAsync<T>(Func<CancellationToken, ValueTask<T>> read)
    {
        var touched = new HashSet<string>(StringComparer.Ordinal);
        lock (_lock)
        {
            _activeLoads.Add(touched);
        }

        try
        {
            using var timeout = StartStoreCall();
            return (await read(timeout.Token).ConfigureAwait(false), touched);
        }
        catch
        {
            lock (_lock)
            {
                _activeLoads.Remove(touched);
            }

            throw;
        }
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
