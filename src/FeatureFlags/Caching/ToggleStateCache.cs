using System.Threading.Channels;
using FeatureFlags.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace FeatureFlags;

/// <summary>
/// The process cache: the last known state of every toggle, loaded from the store at start and kept current by the
/// store's change notifications. Evaluation reads it without locks and without I/O; all store access happens on one
/// background loop, so a slow or failing store never blocks or breaks evaluation.
/// </summary>
/// <remarks>
/// Declared toggles are looked up by their dense <see cref="Toggle.Id"/> in an array rather than through a general cache
/// keyed by name: the set is known and bounded, must never be evicted (an eviction would put I/O on the warm path),
/// and an array index is the cheapest lookup there is.
/// </remarks>
internal sealed class ToggleStateCache : IToggleStateMonitor, IDisposable
{
    private const string ReloadAll = "\0reload";

    // The start-up load, which the first evaluation may already have done inline. Kept apart from ReloadAll: a reload
    // asked for by the store (a reconnected feed) must read the store again even if the start-up load has finished.
    private const string StartupLoad = "\0startup";

    private readonly Lock _lock = new();
    private readonly Lock _readyLock = new();
    private readonly Dictionary<string, ToggleState> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _reportedInvalid = new(StringComparer.Ordinal);
    private readonly List<HashSet<string>> _activeLoads = [];
    private readonly List<(SettingToggle Toggle, ToggleState State)> _settings = [];
    private readonly IToggleStore _store;
    private readonly IToggleRegistry _registry;
    private readonly FeatureTogglesOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IConfiguration? _configuration;
    private readonly ToggleTelemetry _telemetry;
    private readonly StoreRetryBackoff _retry;
    private readonly Channel<string> _work = Channel.CreateUnbounded<string>(new() { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IDisposable _subscription;
    private readonly IDisposable? _configurationSubscription;
    private volatile ToggleState?[] _slots = [];
    private volatile bool _loaded;
    private volatile bool _ready;
    private int _disposed;
    private Task? _initialLoad;

    public ToggleStateCache(
        IToggleStore store,
        IToggleRegistry registry,
        IOptions<FeatureTogglesOptions> options,
        ILogger<ToggleStateCache> logger,
        TimeProvider time,
        ToggleTelemetry telemetry,
        IConfiguration? configuration = null)
    {
        _store = store;
        _registry = registry;
        _options = options.Value;
        _logger = logger;
        _time = time;
        _configuration = configuration;
        _telemetry = telemetry;
        Health = new StoreHealth(logger, _telemetry);
        _retry = new StoreRetryBackoff(_options.StoreRetryDelay, _options.MaxStoreRetryDelay, time);

        foreach (var toggle in registry.Toggles)
        {
            GetStateSlow(toggle);
        }

        if (configuration is not null)
        {
            _configurationSubscription = ChangeToken.OnChange(configuration.GetReloadToken, RefreshSettings);
        }

        _subscription = store.Subscribe(OnStoreChange);
        _work.Writer.TryWrite(StartupLoad);
        _ = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public event EventHandler<ToggleStateChangedEventArgs>? StateChanged;

    public StoreHealth Health { get; }

    public bool IsStoreAvailable => Health.IsHealthy;

    /// <summary>Gets a value indicating whether a full load from the store has succeeded at least once.</summary>
    public bool IsLoaded => _loaded;

    /// <summary>Gets a value indicating whether evaluation may proceed without waiting for the first load.</summary>
    public bool IsReady => _ready;

    /// <summary>
    /// Before the first evaluation, loads the store's state on the calling thread unless the background loop has already
    /// done so, waiting at most <see cref="FeatureTogglesOptions.StartupLoadTimeout"/>. Loading inline rather than waiting
    /// for the background loop means a busy thread pool cannot starve the first evaluations of the state they wait for.
    /// </summary>
    public void EnsureReady()
    {
        if (_ready)
        {
            return;
        }

        lock (_readyLock)
        {
            if (_ready)
            {
                return;
            }

            if (!_firstAttempt.Task.IsCompleted)
            {
                var load = InitialLoad();
                if (!((IAsyncResult)load).AsyncWaitHandle.WaitOne(_options.StartupLoadTimeout) && !_loaded)
                {
                    Log.StartupLoadTimedOut(_logger, _options.StartupLoadTimeout);
                }
            }

            _ready = true;
        }
    }

    /// <summary>
    /// Returns a task that completes after the first load attempt, successful or not.
    /// </summary>
    public Task WhenFirstAttemptedAsync(CancellationToken cancellationToken)
        => _firstAttempt.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// Returns the state of a toggle: an array read for a toggle seen before.
    /// </summary>
    public ToggleState GetState(Toggle toggle)
    {
        var slots = _slots;
        var id = toggle.Id;
        if ((uint)id < (uint)slots.Length && slots[id] is { } state)
        {
            return state;
        }

        return GetStateSlow(toggle);
    }

    /// <summary>
    /// Returns the state of a toggle by full name, or null when nothing is known of it.
    /// </summary>
    public ToggleState? FindState(string fullName)
    {
        lock (_lock)
        {
            return _states.GetValueOrDefault(fullName);
        }
    }

    public void Dispose()
    {
        // Registered under two service types, so the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _subscription.Dispose();
        _configurationSubscription?.Dispose();
        _work.Writer.TryComplete();

        // Signal only: waiting here for the background loop could block a pool thread the loop itself needs.
        _stopping.Cancel();
    }

    private ToggleState GetStateSlow(Toggle toggle)
    {
        lock (_lock)
        {
            var state = GetOrCreateStateLocked(toggle.FullName);
            var slots = _slots;
            if (toggle.Id >= slots.Length)
            {
                var grown = new ToggleState?[Math.Max(toggle.Id + 1, slots.Length * 2)];
                slots.CopyTo(grown, 0);
                slots = grown;
            }

            if (slots[toggle.Id] is null)
            {
                slots[toggle.Id] = state;
                if (toggle is SettingToggle setting)
                {
                    _settings.Add((setting, state));
                    state.Setting = ReadSetting(setting);
                }
            }

            _slots = slots;
            return state;
        }
    }

    private ToggleState GetOrCreateStateLocked(string fullName)
    {
        if (!_states.TryGetValue(fullName, out var state))
        {
            state = new ToggleState(fullName);
            _states.Add(fullName, state);
        }

        return state;
    }

    private void OnStoreChange(ToggleStoreChange change)
    {
        // The store spoke, so it may answer again: a reload waiting out its backoff should try now.
        _retry.Wake();
        if (change.Changes is { } batch)
        {
            ApplyBatch(batch);
        }
        else if (change.Key is null)
        {
            _work.Writer.TryWrite(ReloadAll);
        }
        else if (change.Record is not null || change.IsDelete)
        {
            lock (_lock)
            {
                ApplyLocked([new Change(change.Key, change.Record, change.IsDelete ? change.Version : change.Record!.Version)], isSnapshot: false);
            }

            if (change.Record is { } record)
            {
                _telemetry.ChangeApplied(_time.GetUtcNow() - record.ModifiedAt);
            }

            RaiseStateChanged([change.Key], isFullReload: false);
        }
        else
        {
            _work.Writer.TryWrite(change.Key);
        }
    }

    /// <summary>Applies a batch write's changes under one lock, so each toggle's override map is copied once.</summary>
    private void ApplyBatch(IReadOnlyList<ToggleStoreChange> batch)
    {
        var changes = new List<Change>(batch.Count);
        foreach (var change in batch)
        {
            if (change.Record is not null || change.IsDelete)
            {
                changes.Add(new Change(change.Key!, change.Record, change.IsDelete ? change.Version : change.Record!.Version));
            }
            else
            {
                _work.Writer.TryWrite(change.Key!);
            }
        }

        lock (_lock)
        {
            ApplyLocked(changes, isSnapshot: false);
        }

        foreach (var change in batch)
        {
            if (change.Record is { } record)
            {
                _telemetry.ChangeApplied(_time.GetUtcNow() - record.ModifiedAt);
            }
        }

        RaiseStateChanged([.. changes.Select(c => c.Key)], isFullReload: false);
    }

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
                    if (ReferenceEquals(item, ReloadAll))
                    {
                        reload = true;
                    }
                    else if (ReferenceEquals(item, StartupLoad))
                    {
                        startup = true;
                    }
                    else
                    {
                        pendingKeys.Add(item);
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
                    _work.Writer.TryWrite(ReloadAll);
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

    private void RaiseStateChanged(IReadOnlyList<string> keys, bool isFullReload)
    {
        var handler = StateChanged;
        if (handler is null)
        {
            return;
        }

        try
        {
            handler(this, new ToggleStateChangedEventArgs(keys, isFullReload));
        }
#pragma warning disable CA1031 // A failing handler must not break the cache's update loop or a writer's call.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private CancellationTokenSource StartStoreCall()
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_options.StoreOperationTimeout);
        return timeout;
    }

    /// <summary>
    /// Applies changes in bulk: each touched override dictionary is copied once, whatever the number of changes to it.
    /// A change older than what is already applied to its key is skipped.
    /// </summary>
    private void ApplyLocked(List<Change> changes, bool isSnapshot)
    {
        var overrides = new Dictionary<(ToggleState State, OverrideLevel Level), Dictionary<string, bool>>();
        foreach (var change in changes)
        {
            if (!isSnapshot)
            {
                foreach (var load in _activeLoads)
                {
                    load.Add(change.Key);
                }
            }

            var known = _versions.TryGetValue(change.Key, out var v) ? v : (long?)null;
            if (known is { } k && change.Version < k)
            {
                continue;
            }

            if (!ToggleKeys.TryParse(change.Key, out var fullName, out var level, out var subject))
            {
                continue;
            }

            if (change.Record is null && isSnapshot)
            {
                _versions.Remove(change.Key);
            }
            else
            {
                _versions[change.Key] = change.Version;
            }

            var state = GetOrCreateStateLocked(fullName);
            if (level is null)
            {
                state.Rules = change.Record is null ? null : DecodeRules(change.Record);
                continue;
            }

            if (!overrides.TryGetValue((state, level.Value), out var map))
            {
                var current = state.GetOverrides(level.Value);
                map = current is null ? new Dictionary<string, bool>(StringComparer.Ordinal) : new Dictionary<string, bool>(current, StringComparer.Ordinal);
                overrides.Add((state, level.Value), map);
            }

            if (change.Record is not null && TryDecodeOverride(change.Record, out var on))
            {
                map[SubjectKey(level.Value, subject!)] = on;
            }
            else
            {
                map.Remove(SubjectKey(level.Value, subject!));
            }
        }

        foreach (var ((state, level), map) in overrides)
        {
            state.SetOverrides(level, map);
        }
    }

    /// <summary>Site keys stored before they were normalised on write still match the normalised request site.</summary>
    private static string SubjectKey(OverrideLevel level, string subject)
        => level == OverrideLevel.Site ? ToggleKeys.NormalizeSiteOrLowerCase(subject) : subject;

    private CompiledRules? DecodeRules(ToggleRecord record)
    {
        CompiledRules rules;
        try
        {
            rules = StoredValueCodec.DecodeRules(record.Value);
        }
        catch (FormatException ex)
        {
            if (FirstReport(record))
            {
                Log.InvalidStoredValue(_logger, record.Key, ex.Message);
            }

            return null;
        }

        if (_registry.TryGet(record.Key, out var declared) && !Fits(declared, rules))
        {
            if (FirstReport(record))
            {
                Log.KindMismatch(_logger, record.Key, rules.Kind, declared.Kind);
            }

            return null;
        }

        return rules;
    }

    private static bool Fits(Toggle declared, CompiledRules rules) => declared switch
    {
        Switch => rules is CompiledSwitch,
        Flag => rules is CompiledFlag,
        _ => false,
    };

    private bool TryDecodeOverride(ToggleRecord record, out bool on)
    {
        try
        {
            on = StoredValueCodec.DecodeOverride(record.Value);
            return true;
        }
        catch (FormatException ex)
        {
            if (FirstReport(record))
            {
                Log.InvalidStoredValue(_logger, record.Key, ex.Message);
            }

            on = false;
            return false;
        }
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

    private void RefreshSettings()
    {
        lock (_lock)
        {
            foreach (var (toggle, state) in _settings)
            {
                state.Setting = ReadSetting(toggle);
            }
        }
    }

    private int ReadSetting(SettingToggle toggle)
    {
        if (_configuration is null)
        {
            return ToggleState.SettingUnset;
        }

        var key = toggle.ConfigurationKey ?? $"{_options.ConfigurationSection}:{toggle.FullName}";
        var raw = _configuration[key];
        if (raw is null)
        {
            return ToggleState.SettingUnset;
        }

        switch (raw.Trim().ToUpperInvariant())
        {
            case "TRUE" or "ON" or "YES" or "1":
                return ToggleState.SettingOn;
            case "FALSE" or "OFF" or "NO" or "0":
                return ToggleState.SettingOff;
            default:
                Log.InvalidSettingValue(_logger, toggle.FullName, key, raw);
                return ToggleState.SettingUnset;
        }
    }

    private readonly record struct Change(string Key, ToggleRecord? Record, long Version);
}
