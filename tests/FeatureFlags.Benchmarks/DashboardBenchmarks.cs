using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using FeatureFlags.AspNetCore;
using FeatureFlags.Dashboard;
using FeatureFlags.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FeatureFlags.Benchmarks;

/// <summary>
/// The dashboard's list page, rendered server-side for 1,000 declared toggles with 10,000 stored course overrides:
/// the store listing, the report snapshot, lint, summaries and the HTML. Goal: under 50 ms, under 200 KB of HTML.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class DashboardBenchmarks
{
    private ServiceProvider _provider = null!;
    private DashboardMount _mount = null!;

    /// <summary>Gets the size of the last rendered page, in bytes.</summary>
    public static long PageBytes { get; private set; }

    /// <summary>Gets the last rendered page.</summary>
    public static string LastPage { get; private set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var ns = new ToggleNamespace("dash");
        var toggles = Enumerable.Range(0, 1000)
            .Select(i => (Toggle)(i % 4 == 0
                ? ns.CourseFlag($"course_flag_{i}", BenchmarkToggles.Meta("A course flag piloted course by course."))
                : i % 2 == 0 ? ns.Flag($"flag_{i}", BenchmarkToggles.Meta("A flag rolled out by percent and group.")) : ns.Switch($"switch_{i}", BenchmarkToggles.Meta("A kill switch."))))
            .ToList();
        var store = new InMemoryToggleStore();
        var writes = new List<ToggleStoreWrite>();
        foreach (var toggle in toggles)
        {
            writes.Add(new(toggle.FullName, toggle is Switch ? StoredValueCodec.EncodeSwitch(true) : StoredValueCodec.EncodeFlag(new FlagRules { Percent = 25, Groups = ["beta-testers"] }), 0));
        }

        var courseFlags = toggles.OfType<CourseFlag>().ToList();
        for (var i = 0; i < 10_000; i++)
        {
            writes.Add(new(ToggleKeys.ForOverride(courseFlags[i % courseFlags.Count].FullName, OverrideLevel.Course, $"course-v1:Org{i % 50}+C{i}+2026"), StoredValueCodec.EncodeOverride(i % 3 != 0), 0));
        }

        store.WriteBatchAsync(writes, new ToggleAuditInfo("bench")).AsTask().GetAwaiter().GetResult();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new BenchmarkEnvironment());
        services.AddFeatureToggles().AddToggles(toggles).UseStore(_ => store).AddAspNetCore().AddToggleDashboard();
        _provider = services.BuildServiceProvider();
        _mount = new DashboardMount("/toggles", new ToggleDashboardOptions(), _provider.GetRequiredService<IHostEnvironment>());
        _provider.GetRequiredService<IToggles>().IsEnabled(toggles[0]);
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark(Description = "Dashboard list page: 1,000 toggles, 10,000 overrides")]
    public async Task<long> ListPage()
    {
        var http = new DefaultHttpContext { RequestServices = _provider };
        http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "ada"), new Claim(ClaimTypes.Role, "toggle-admin")], "bench"));
        using var body = new MemoryStream();
        http.Response.Body = body;
        var result = await FeatureFlags.Dashboard.ListPage.GetAsync(http, _mount, CancellationToken.None);
        await result.ExecuteAsync(http);
        PageBytes = body.Length;
        LastPage = System.Text.Encoding.UTF8.GetString(body.ToArray());
        return body.Length;
    }
}
