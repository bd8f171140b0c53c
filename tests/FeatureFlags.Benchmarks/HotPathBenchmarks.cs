using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FeatureFlags.Benchmarks;

/// <summary>
/// The warm evaluation path side by side with Microsoft.FeatureManagement on equivalent configuration, against a
/// <see cref="Dictionary{TKey, TValue}"/> lookup of the toggle's name (the floor) in the same run.
/// </summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private readonly Dictionary<string, bool> _dictionary = new(StringComparer.Ordinal);
    private ServiceProvider _ours = null!;
    private ServiceProvider _theirs = null!;
    private IServiceScope _theirScope = null!;
    private IToggles _toggles = null!;
    private IFeatureManager _featureManager = null!;
    private IFeatureManagerSnapshot _snapshot = null!;
    private ToggleContext _user = null!;
    private ToggleContext _proUser = null!;
    private ToggleScope? _scope;
    private MemoryCache _memoryCache = null!;

    /// <summary>
    /// For the scope-hit benchmark only: a scope is opened and left open. It flows on this thread's execution context,
    /// which BenchmarkDotNet keeps for the workload; the check below fails the run if it did not.
    /// </summary>
    [GlobalSetup(Target = nameof(OurScopeHit))]
    public void SetupWithOpenScope()
    {
        Setup();
        _scope = _toggles.BeginScope(_user);
        _toggles.IsEnabled(BenchmarkToggles.Beta);
        if (!_toggles.Explain(BenchmarkToggles.Beta).FromScopeCache)
        {
            throw new InvalidOperationException("The scope is not visible to the benchmark thread.");
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < 100; i++)
        {
            _dictionary[$"bench.toggle_{i}"] = i % 2 == 0;
        }

        _dictionary[BenchmarkToggles.NewCart.FullName] = true;

        var services = new ServiceCollection();
        services.AddFeatureToggles()
            .AddToggles(
                BenchmarkToggles.NewCart, BenchmarkToggles.Beta, BenchmarkToggles.Premium, BenchmarkToggles.Outline,
                BenchmarkToggles.Release, BenchmarkToggles.Grouped, BenchmarkToggles.Dependent, BenchmarkToggles.Scheduled)
            .AddToggleRule<PlanRule>("plan");
        _ours = services.BuildServiceProvider();
        _toggles = _ours.GetRequiredService<IToggles>();
        var admin = _ours.GetRequiredService<IToggleAdmin>();
        var actor = new ToggleActor("bench");
        admin.SetAsync(BenchmarkToggles.NewCart, true, actor).AsTask().GetAwaiter().GetResult();
        var betaRules = new FlagRules { Percent = 50, Users = ["listed-1", "listed-2"], Groups = ["beta-testers"] };
        admin.SetAsync(BenchmarkToggles.Beta, betaRules, actor).AsTask().GetAwaiter().GetResult();
        admin.SetAsync(BenchmarkToggles.Premium, new FlagRules { CustomRules = [CustomRule.FromJson("plan", """{"plans":["pro","team"]}""")] }, actor).AsTask().GetAwaiter().GetResult();

        // The same rules behind a release group that is on, and behind one prerequisite (the switch, which is on).
        admin.SetAsync(BenchmarkToggles.Grouped, betaRules, actor).AsTask().GetAwaiter().GetResult();
        admin.SetAsync(BenchmarkToggles.Release, true, actor).AsTask().GetAwaiter().GetResult();
        admin.SetAsync(BenchmarkToggles.Dependent, betaRules, actor).AsTask().GetAwaiter().GetResult();
        admin.RequireAsync(BenchmarkToggles.Dependent, actor, BenchmarkToggles.NewCart).AsTask().GetAwaiter().GetResult();

        // The same rules again, within a schedule that is active now (evaluation reads the clock once).
        var window = new ToggleSchedule(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        admin.SetAsync(BenchmarkToggles.Scheduled, betaRules, actor, schedule: window).AsTask().GetAwaiter().GetResult();

        var holder = new FeatureManagementSetup.TargetingHolder();
        _theirs = FeatureManagementSetup.Create(holder);
        _featureManager = _theirs.GetRequiredService<IFeatureManager>();

        // A user who is in by percent for both libraries (each hashes differently), not listed and in no listed group.
        for (var i = 0; ; i++)
        {
            var id = $"user-{i}";
            var ours = new ToggleContext { UserId = id, IsAuthenticated = true, Groups = ["customers"] };
            holder.Context = new TargetingContext { UserId = id, Groups = ["customers"] };
            if (_toggles.Explain(BenchmarkToggles.Beta, ours).Reason == ToggleReason.Percent
                && _toggles.Explain(BenchmarkToggles.Dependent, ours).Reason == ToggleReason.Percent
                && _toggles.Explain(BenchmarkToggles.Scheduled, ours).Reason == ToggleReason.Percent
                && _featureManager.IsEnabledAsync("Beta").GetAwaiter().GetResult())
            {
                _user = ours;
                _proUser = new ToggleContext { UserId = id, IsAuthenticated = true, Groups = ["customers"], Attributes = new Dictionary<string, string> { ["plan"] = "pro" } };
                break;
            }
        }

        if (_toggles.Explain(BenchmarkToggles.Grouped, _user).Reason != ToggleReason.ReleaseGroup
            || _toggles.Explain(BenchmarkToggles.Dependent, _user).Reason != ToggleReason.Percent)
        {
            throw new InvalidOperationException("The grouped and prerequisite benchmarks do not measure the paths they name.");
        }

        if (_toggles.Explain(BenchmarkToggles.Premium, _proUser).Reason != ToggleReason.CustomRule)
        {
            throw new InvalidOperationException("The custom rule does not decide the Premium flag.");
        }

        _theirScope = _theirs.CreateScope();
        _snapshot = _theirScope.ServiceProvider.GetRequiredService<IFeatureManagerSnapshot>();
        _snapshot.IsEnabledAsync("NewCart").GetAwaiter().GetResult();

        _memoryCache = new MemoryCache(new MemoryCacheOptions());
        _memoryCache.Set(BenchmarkToggles.NewCart.FullName, (object)true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _scope?.Dispose();
        _theirScope.Dispose();
        _theirs.Dispose();
        _ours.Dispose();
        _memoryCache.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Dictionary<string,bool> lookup (floor)")]
    public bool DictionaryLookup() => _dictionary.TryGetValue(BenchmarkToggles.NewCart.FullName, out var value) && value;

    [Benchmark(Description = "MemoryCache.TryGetValue (reference)")]
    public bool MemoryCacheLookup() => _memoryCache.TryGetValue(BenchmarkToggles.NewCart.FullName, out var value) && value is true;

    [Benchmark(Description = "FeatureFlags: Switch")]
    public bool OurSwitch() => _toggles.IsEnabled(BenchmarkToggles.NewCart);

    [Benchmark(Description = "FeatureFlags: Flag, user in by percent")]
    public bool OurFlag() => _toggles.IsEnabled(BenchmarkToggles.Beta, _user);

    [Benchmark(Description = "FeatureFlags: Flag in a release group (group on)")]
    public bool OurGroupedFlag() => _toggles.IsEnabled(BenchmarkToggles.Grouped, _user);

    [Benchmark(Description = "FeatureFlags: Flag with one prerequisite (met), in by percent")]
    public bool OurPrerequisiteFlag() => _toggles.IsEnabled(BenchmarkToggles.Dependent, _user);
    [Benchmark(Description = "FeatureFlags: Flag, one custom rule matches")]
    public bool OurCustomRuleFlag() => _toggles.IsEnabled(BenchmarkToggles.Premium, _proUser);

    [Benchmark(Description = "FeatureFlags: scheduled Flag (active), in by percent")]
    public bool OurScheduledFlag() => _toggles.IsEnabled(BenchmarkToggles.Scheduled, _user);

    [Benchmark(Description = "FeatureFlags: scope cache hit (Flag)")]
    public bool OurScopeHit() => _toggles.IsEnabled(BenchmarkToggles.Beta);

    [Benchmark(Description = "FeatureManagement: boolean IsEnabledAsync")]
    public Task<bool> TheirBoolean() => _featureManager.IsEnabledAsync("NewCart");

    [Benchmark(Description = "FeatureManagement: snapshot IsEnabledAsync")]
    public Task<bool> TheirSnapshot() => _snapshot.IsEnabledAsync("NewCart");

    [Benchmark(Description = "FeatureManagement: targeting, user in by percent")]
    public Task<bool> TheirTargeting() => _featureManager.IsEnabledAsync("Beta");
}
