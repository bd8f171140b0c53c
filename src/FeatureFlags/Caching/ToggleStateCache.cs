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
internal sealed partial class ToggleStateCache : IToggleStateMonitor, IDisposable
{
    private readonly Lock _lock = new();
    private readonly Lock _readyLock = new();
    private readonly Dictionary<string, ToggleState> _states = new(StringComparer.Ordinal);

    // The version of each key held is kept with the state itself (ToggleState.RulesVersion, OverrideValue.Version), not in
    // a dictionary of its own, which would hold a second copy of every key; deleted keys keep theirs here, until a write
    // or a full reload, so a late notification cannot bring them back.
    private readonly Dictionary<string, long> _deletedVersions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _reportedInvalid = new(StringComparer.Ordinal);
    private readonly HashSet<(string Key, string Rule, long Version)> _reportedRules = [];
    private readonly List<HashSet<string>> _activeLoads = [];
    private readonly List<(SettingToggle Toggle, ToggleState State)> _settings = [];
    private readonly IToggleStore _store;
    private readonly IToggleRegistry _registry;
    private readonly FeatureTogglesOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IConfiguration? _configuration;
    private readonly ToggleRuleRegistry _rules;
    private readonly ToggleTelemetry _telemetry;
    private readonly StoreRetryBackoff _retry;
    private readonly Func<string, Toggle?> _resolve;
    private readonly Channel<CacheWork> _work = Channel.CreateUnbounded<CacheWork>(new() { SingleReader = true });
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
        IConfiguration? configuration = null,
        ToggleRuleRegistry? rules = null)
    {
        _store = store;
        _registry = registry;
        _options = options.Value;
        _logger = logger;
        _time = time;
        _configuration = configuration;
        _rules = rules ?? ToggleRuleRegistry.Unchecked;
        _telemetry = telemetry;
        Health = new StoreHealth(logger, _telemetry);
        _retry = new StoreRetryBackoff(_options.StoreRetryDelay, _options.MaxStoreRetryDelay, time);
        _resolve = name => registry.TryGet(name, out var declared) ? declared : null;

        foreach (var toggle in registry.Toggles)
        {
            GetStateSlow(toggle);
        }

        if (configuration is not null)
        {
            RefreshConfigurationOverrides(raiseChanged: false);
            _configurationSubscription = ChangeToken.OnChange(configuration.GetReloadToken, OnConfigurationReload);
        }

        _subscription = store.Subscribe(OnStoreChange);
        _work.Writer.TryWrite(CacheWork.Startup);
        _ = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public event EventHandler<ToggleStateChangedEventArgs>? StateChanged;

    public StoreHealth Health { get; }

    public bool IsStoreAvailable => Health.IsHealthy;

    /// <summary>Gets a value indicating whether a full load from the store has succeeded at least once.</summary>
    public bool IsLoaded => _loaded;

    /// <summary>Gets the clock schedules are evaluated against.</summary>
    public TimeProvider Time => _time;

    /// <summary>Gets the options the cache was built with.</summary>
    public FeatureTogglesOptions Options => _options;

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
                if (toggle.GroupFullName is { } group)
                {
                    state.Group = GetOrCreateStateLocked(group);
                }

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
            ApplyConfiguredLocked(state);
            _states.Add(fullName, state);
        }

        return state;
    }
}
