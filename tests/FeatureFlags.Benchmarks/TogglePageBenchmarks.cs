using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using FeatureFlags.AspNetCore;
using FeatureFlags.Dashboard;
using FeatureFlags.Storage;
using FeatureFlags.TestUtilities;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FeatureFlags.Benchmarks;

/// <summary>
/// One toggle's page from the one read model (<see cref="IToggleCatalog"/>), server-side, with 10,000 declared toggles
/// and 100,000 stored course overrides in a SQLite file (the embedded default store, with its indexes): the dashboard's toggle page, the admin API's <c>GET {toggle}</c>,
/// and the dashboard's list page beside them. Goal: one toggle under 10 ms. The set-up renders each once and throws
/// unless it answered 200 with the toggle's content (not a redirect, not an empty page).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class TogglePageBenchmarks
{
    private const string Viewed = "page.course_flag_0";

    private ServiceProvider _provider = null!;
    private DashboardMount _mount = null!;
    private TempFolder _folder = null!;

    [GlobalSetup]
    public void Setup()
    {
        var ns = new ToggleNamespace("page");
        var toggles = Enumerable.Range(0, 10_000)
            .Select(i => (Toggle)(i % 4 == 0
                ? ns.CourseFlag($"course_flag_{i}", BenchmarkToggles.Meta("A course flag piloted course by course."))
                : i % 2 == 0 ? ns.Flag($"flag_{i}", BenchmarkToggles.Meta("A flag rolled out by percent and group.")) : ns.Switch($"switch_{i}", BenchmarkToggles.Meta("A kill switch."))))
            .ToList();
        var writes = new List<ToggleStoreWrite>();
        foreach (var toggle in toggles)
        {
            writes.Add(new(toggle.FullName, toggle is Switch ? StoredValueCodec.EncodeSwitch(true) : StoredValueCodec.EncodeFlag(new FlagRules { Percent = 25, Groups = ["beta-testers"] }), 0));
        }

        var courseFlags = toggles.OfType<CourseFlag>().ToList();
        for (var i = 0; i < 100_000; i++)
        {
            writes.Add(new(ToggleKeys.ForOverride(courseFlags[i % courseFlags.Count].FullName, OverrideLevel.Course, $"course-v1:Org{i % 50}+C{i}+2026"), StoredValueCodec.EncodeOverride(i % 3 != 0), 0));
        }

        _folder = new TempFolder("ff-page-");
        var connection = $"Data Source={_folder.PathOf("toggles.db")}";
        var seed = new FeatureFlags.Sqlite.SqliteToggleStore(new FeatureFlags.Sqlite.SqliteToggleStoreOptions { ConnectionString = connection });
        try
        {
            seed.WriteBatchAsync(writes, new ToggleAuditInfo("bench")).AsTask().GetAwaiter().GetResult();
        }
        finally
        {
            seed.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new BenchmarkEnvironment());
        services.AddFeatureToggles().AddToggles(toggles).UseSqlite(connection).AddAspNetCore().AddToggleDashboard();
        _provider = services.BuildServiceProvider();
        _mount = new DashboardMount("/toggles", new ToggleDashboardOptions(), _provider.GetRequiredService<IHostEnvironment>());
        _provider.GetRequiredService<IToggles>().IsEnabled(toggles[0]);

        Check("toggle page", TogglePage().GetAwaiter().GetResult(), LastBody, "<h1>" + Viewed);
        Check("GET toggle", GetToggle().GetAwaiter().GetResult(), LastBody, "\"name\":\"" + Viewed + "\"");
        Check("list page", ListPage().GetAwaiter().GetResult(), LastBody, "page.switch_9999");
    }

    /// <summary>Gets the body of the last request, for the set-up's checks.</summary>
    public static string LastBody { get; private set; } = string.Empty;

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        _folder.Dispose();
    }

    [Benchmark(Description = "Dashboard toggle page: 1 of 10,000 toggles, 100,000 overrides stored")]
    public Task<int> TogglePage() => RunAsync("/toggles/t/" + Viewed, http => FeatureFlags.Dashboard.TogglePage.GetAsync(http, _mount, Viewed, CancellationToken.None));

    [Benchmark(Description = "Admin API GET of 1 toggle: 10,000 toggles, 100,000 overrides stored")]
    public Task<int> GetToggle() => RunAsync("/admin/toggles/" + Viewed, http => ToggleAdminHandlers.GetAsync(http, _provider.GetRequiredService<IToggleCatalog>(), Viewed, CancellationToken.None));

    [Benchmark(Baseline = true, Description = "Dashboard list page (first page): 10,000 toggles, 100,000 overrides stored")]
    public Task<int> ListPage() => RunAsync("/toggles/", http => FeatureFlags.Dashboard.ListPage.GetAsync(http, _mount, CancellationToken.None));

    private async Task<int> RunAsync(string path, Func<HttpContext, Task<IResult>> handler)
    {
        var http = new DefaultHttpContext { RequestServices = _provider };
        http.Request.Path = path;
        http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "ada"), new Claim(ClaimTypes.Role, "toggle-admin")], "bench"));
        using var body = new MemoryStream();
        http.Response.Body = body;
        var result = await handler(http);
        await result.ExecuteAsync(http);
        LastBody = System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
        return http.Response.StatusCode;
    }

    private static void Check(string what, int status, string body, string mustContain)
    {
        if (status != StatusCodes.Status200OK || !body.Contains(mustContain, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The {what} benchmark would not measure the page: status {status}, {body.Length} characters, '{mustContain}' {(body.Contains(mustContain, StringComparison.Ordinal) ? "present" : "missing")}.");
        }
    }
}
