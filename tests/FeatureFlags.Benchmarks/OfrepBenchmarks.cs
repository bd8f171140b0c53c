using System.Security.Claims;
using System.Text;
using BenchmarkDotNet.Attributes;
using FeatureFlags.AspNetCore;
using FeatureFlags.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FeatureFlags.Benchmarks;

/// <summary>
/// A bulk OFREP evaluation of 100 exposed toggles, server-side without the network: the endpoint's handler reads the
/// request body, checks the context, explains every toggle (value, rule and detail), writes the JSON and hashes its
/// ETag, into an in-memory response. Toggles: 40 switches, 40 flags (25 % and a group), 20 course flags with course
/// overrides, for a signed-in user with two groups whose context names a course. Goal: under 20 µs.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class OfrepBenchmarks
{
    private const string Course = "course-v1:Org1+C1+2026";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"context\":{\"targetingKey\":\"user-42\",\"courseKey\":\"" + Course + "\",\"plan\":\"gold\"}}");

    private ServiceProvider _provider = null!;
    private OfrepEndpoint _endpoint = null!;
    private ToggleRequestFeature _feature = null!;
    private ClaimsPrincipal _user = null!;
    private List<Toggle> _toggles = null!;
    private ToggleContext _context = null!;

    /// <summary>Stands in for the connection: reused, so its growth is not counted as the server's work.</summary>
    private readonly MemoryStream _response = new(64 * 1024);

    /// <summary>Gets the size of the last answer, in bytes.</summary>
    public static long AnswerBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var ns = new ToggleNamespace("ofrep");
        var toggles = Enumerable.Range(0, 100)
            .Select(i => (Toggle)(i < 40
                ? ns.Switch($"switch_{i}", Exposed("A kill switch."))
                : i < 80 ? ns.Flag($"flag_{i}", Exposed("A flag rolled out by percent and group.")) : ns.CourseFlag($"course_flag_{i}", Exposed("A course flag piloted course by course."))))
            .ToList();
        var store = new InMemoryToggleStore();
        var writes = new List<ToggleStoreWrite>();
        foreach (var toggle in toggles)
        {
            writes.Add(new(toggle.FullName, toggle is Switch ? StoredValueCodec.EncodeSwitch(true) : StoredValueCodec.EncodeFlag(new FlagRules { Percent = 25, Groups = ["beta-testers"] }), 0));
            if (toggle is CourseFlag)
            {
                writes.Add(new(ToggleKeys.ForOverride(toggle.FullName, OverrideLevel.Course, Course), StoredValueCodec.EncodeOverride(true), 0));
            }
        }

        store.WriteBatchAsync(writes, new ToggleAuditInfo("bench")).AsTask().GetAwaiter().GetResult();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new BenchmarkEnvironment());
        services.AddFeatureToggles().AddToggles(toggles).UseStore(_ => store).AddAspNetCore();
        _provider = services.BuildServiceProvider();
        _toggles = toggles;
        _context = new ToggleContext { UserId = "user-42", IsAuthenticated = true, Groups = ["staff", "beta-testers"], Attributes = new Dictionary<string, string> { ["plan"] = "gold" } };
        _provider.GetRequiredService<IToggles>().IsEnabled(toggles[0]);
        _endpoint = new OfrepEndpoint(new OpenFeatureEvaluationOptions());
        _user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "user-42"), new Claim(ClaimTypes.Role, "staff")], "bench"));
        _feature = new ToggleRequestFeature(new ToggleContext { UserId = "user-42", IsAuthenticated = true, Groups = ["staff", "beta-testers"] }, null, null);
        if (BulkEvaluation().GetAwaiter().GetResult() != StatusCodes.Status200OK)
        {
            throw new InvalidOperationException("The bulk evaluation did not answer 200.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark(Description = "OFREP bulk evaluation: 100 exposed toggles")]
    public async Task<int> BulkEvaluation()
    {
        var http = new DefaultHttpContext { RequestServices = _provider, User = _user };
        http.Features.Set<IToggleRequestFeature>(_feature);
        http.Request.Method = HttpMethods.Post;
        http.Request.ContentType = "application/json";
        http.Request.ContentLength = Body.Length;
        http.Request.Body = new MemoryStream(Body, writable: false);
        _response.SetLength(0);
        http.Response.Body = _response;
        await _endpoint.EvaluateFlagsAsync(http);
        AnswerBytes = _response.Length;
        return http.Response.StatusCode;
    }

    [Benchmark(Description = "of which: IToggles.Explain of the 100 toggles")]
    public int ExplainOnly()
    {
        var toggles = _provider.GetRequiredService<IToggles>();
        var on = 0;
        foreach (var toggle in _toggles)
        {
            var explanation = toggle is CourseFlag course ? toggles.Explain(course, Course, _context) : toggles.Explain(toggle, _context);
            on += explanation.IsEnabled ? 1 : 0;
        }

        return on;
    }

    private static ToggleMetadata Exposed(string description) => new()
    {
        Description = description,
        UseCases = ToggleUseCases.MonitoredRollout,
        CreatedOn = new DateOnly(2026, 11, 1),
        ExposeToClients = true,
    };
}
