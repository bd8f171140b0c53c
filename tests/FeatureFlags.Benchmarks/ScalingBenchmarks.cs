using BenchmarkDotNet.Attributes;
using FeatureFlags.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Benchmarks;

/// <summary>
/// Evaluation cost must stay flat as the number of declared toggles and stored course overrides grows.
/// </summary>
[MemoryDiagnoser]
public class ScalingBenchmarks
{
    private const string OverriddenCourse = "course-v1:Org7+Course7+2026";
    private const string OtherCourse = "course-v1:Org7+Elsewhere+2026";
    private ServiceProvider _provider = null!;
    private IToggles _toggles = null!;
    private Switch _probe = null!;

    [Params(10, 10_000)]
    public int Toggles { get; set; }

    [Params(0, 1, 100_000)]
    public int Overrides { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var ns = new ToggleNamespace("scale");
        var declared = Enumerable.Range(0, Toggles).Select(i => ns.Switch($"t{i}", BenchmarkToggles.Meta("Scaling switch."))).ToList();
        _probe = declared[Toggles / 2];

        // Written before the cache exists, so the initial load builds the state in bulk.
        var store = new InMemoryToggleStore();
        var audit = new ToggleAuditInfo("bench");
        foreach (var toggle in declared)
        {
            store.SetAsync(toggle.FullName, StoredValueCodec.EncodeSwitch(true), 0, audit).AsTask().GetAwaiter().GetResult();
        }

        for (var i = 0; i < Overrides; i++)
        {
            var course = i == 7 || Overrides == 1 ? OverriddenCourse : $"course-v1:Org{i % 500}+Course{i}+2026";
            store.SetAsync(ToggleKeys.ForOverride(BenchmarkToggles.Outline.FullName, OverrideLevel.Course, course), StoredValueCodec.EncodeOverride(true), 0, audit).AsTask().GetAwaiter().GetResult();
        }

        var services = new ServiceCollection();
        services.AddFeatureToggles().AddToggles(declared).AddToggles(BenchmarkToggles.Outline).UseStore(_ => store);
        _provider = services.BuildServiceProvider();
        _toggles = _provider.GetRequiredService<IToggles>();
        if (!_toggles.IsEnabled(_probe) || _toggles.IsEnabled(BenchmarkToggles.Outline, OverriddenCourse) != (Overrides > 0))
        {
            throw new InvalidOperationException("Benchmark state did not load as expected.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark(Description = "Switch among N toggles")]
    public bool SwitchAmongMany() => _toggles.IsEnabled(_probe);

    [Benchmark(Description = "CourseFlag, overridden course")]
    public bool CourseOverridden() => _toggles.IsEnabled(BenchmarkToggles.Outline, OverriddenCourse);

    [Benchmark(Description = "CourseFlag, course without override")]
    public bool CourseWithoutOverride() => _toggles.IsEnabled(BenchmarkToggles.Outline, OtherCourse);
}
