using System.Text.Json;
using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Samples.Web;

namespace FeatureFlags.AspNetCore.Tests.OpenFeature;

/// <summary>
/// A real OpenFeature client (<c>@openfeature/server-sdk</c> with <c>@openfeature/ofrep-provider</c>, and the bulk
/// form through <c>@openfeature/ofrep-core</c>) evaluates toggles on the web sample served by Kestrel on 127.0.0.1,
/// and every answer equals what <see cref="IToggles"/> gives in-process for the same subject.
/// </summary>
[NonParallelizable]
public sealed class OpenFeatureClientTests
{
    private const string PilotCourse = "course-v1:DemoX+Intro+2026";
    private const string OtherCourse = "course-v1:OtherU+Law+2026";

    private SampleApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        NodeClient.RequireInstalled();
        _app = new SampleApp(kestrel: true);
        await _app.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, true, SampleApp.Operator);
        await _app.Admin.SetAsync(StorefrontToggles.NewCheckout, new FlagRules { Percent = 50 }, SampleApp.Operator);
        await _app.Admin.SetCourseOverrideAsync(StorefrontToggles.NewGrading, PilotCourse, true, SampleApp.Operator);
    }

    [OneTimeTearDown]
    public void Stop() => _app?.Dispose();

    [Test]
    public async Task OfrepProvider_AnswersAsIToggles_ForSwitchPercentCourseUnknownAndBulk()
    {
        var userIn = FindUser(inRollout: true);
        var userOut = FindUser(inRollout: false);
        var cases = new
        {
            single = new object[]
            {
                new { name = "switch", key = "storefront.maintenance_banner", context = new { targetingKey = "ada" } },
                new { name = "in by percent", key = "storefront.new_checkout", context = new { targetingKey = userIn } },
                new { name = "out by percent", key = "storefront.new_checkout", context = new { targetingKey = userOut } },
                new { name = "overridden course", key = "storefront.new_grading", context = new { targetingKey = "ada", courseKey = PilotCourse } },
                new { name = "other course", key = "storefront.new_grading", context = new { targetingKey = "ada", courseKey = OtherCourse } },
                new { name = "unknown", key = "storefront.no_such_toggle", context = new { targetingKey = "ada" }, defaultValue = true },
            },
            bulk = new object[] { new { name = "bulk", context = new { targetingKey = userIn, courseKey = PilotCourse } } },
        };

        var results = await NodeClient.RunAsync(new Dictionary<string, string>
        {
            ["FF_BASE_URL"] = _app.BaseAddress.ToString().TrimEnd('/'),
            ["FF_SERVICE_HEADERS"] = JsonSerializer.Serialize(new Dictionary<string, string> { [TestAuthHandler.UserHeader] = "node-service", [TestAuthHandler.RolesHeader] = "toggle-service" }),
            ["FF_CASES"] = JsonSerializer.Serialize(cases),
        });

        var single = results.GetProperty("single").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Multiple(() =>
        {
            ExpectSame(single["switch"], Explain(StorefrontToggles.MaintenanceBanner, "ada"), "STATIC");
            ExpectSame(single["in by percent"], Explain(StorefrontToggles.NewCheckout, userIn), "SPLIT");
            ExpectSame(single["out by percent"], Explain(StorefrontToggles.NewCheckout, userOut), "DEFAULT");
            ExpectSame(single["overridden course"], Explain(StorefrontToggles.NewGrading, "ada", PilotCourse), "TARGETING_MATCH");
            ExpectSame(single["other course"], Explain(StorefrontToggles.NewGrading, "ada", OtherCourse), "DEFAULT");
            Assert.That(single["in by percent"].GetProperty("value").GetBoolean(), Is.True);
            Assert.That(single["out by percent"].GetProperty("value").GetBoolean(), Is.False);
            Assert.That(single["overridden course"].GetProperty("value").GetBoolean(), Is.True);

            var unknown = single["unknown"];
            Assert.That(unknown.GetProperty("value").GetBoolean(), Is.True, "the client's default");
            Assert.That(unknown.GetProperty("errorCode").GetString(), Is.EqualTo("FLAG_NOT_FOUND"));
        });

        var bulk = results.GetProperty("bulk")[0];
        Assert.That(bulk.GetProperty("status").GetInt32(), Is.EqualTo(200));
        Assert.That(bulk.GetProperty("etag").GetString(), Does.Match("^\"[0-9a-f]{16}\"$"));
        Assert.That(bulk.GetProperty("revalidatedStatus").GetInt32(), Is.EqualTo(304), "If-None-Match with the ETag");
        var flags = bulk.GetProperty("flags").EnumerateArray().ToList();
        var registry = (IToggleRegistry)_app.Services.GetService(typeof(IToggleRegistry))!;
        Assert.That(flags.Select(f => f.GetProperty("key").GetString()), Is.EqualTo(registry.Toggles.Select(t => t.FullName)), "the trusted mapping answers every toggle, by name");
        Assert.Multiple(() =>
        {
            foreach (var flag in flags)
            {
                registry.TryGet(flag.GetProperty("key").GetString()!, out var toggle);
                var expected = Explain(toggle!, userIn, PilotCourse);
                Assert.That(
                    (flag.GetProperty("value").GetBoolean(), flag.GetProperty("metadataReason").GetString(), flag.GetProperty("variant").GetString()),
                    Is.EqualTo((expected.IsEnabled, expected.Reason.ToString(), expected.IsEnabled ? "on" : "off")),
                    toggle!.FullName);
            }
        });
    }

    private static void ExpectSame(JsonElement answer, ToggleExplanation expected, string openFeatureReason)
    {
        var name = answer.GetProperty("name").GetString();
        Assert.That(answer.GetProperty("key").GetString(), Is.EqualTo(expected.Toggle), name);
        Assert.That(answer.GetProperty("value").GetBoolean(), Is.EqualTo(expected.IsEnabled), name);
        Assert.That(answer.GetProperty("reason").GetString(), Is.EqualTo(openFeatureReason), name);
        Assert.That(answer.GetProperty("variant").GetString(), Is.EqualTo(expected.IsEnabled ? "on" : "off"), name);
        Assert.That(answer.GetProperty("metadataReason").GetString(), Is.EqualTo(expected.Reason.ToString()), name);
        Assert.That(answer.GetProperty("detail").GetString(), Is.EqualTo(expected.Detail), name);
        Assert.That(answer.GetProperty("errorCode").ValueKind, Is.EqualTo(JsonValueKind.Null), name);
    }

    /// <summary>What the app decides in-process for the subject the client names: a user, and a course for course and organisation flags.</summary>
    private ToggleExplanation Explain(Toggle toggle, string userId, string? courseKey = null)
    {
        var context = new ToggleContext { UserId = userId, IsAuthenticated = true };
        return toggle switch
        {
            CourseFlag course when courseKey is not null => _app.Toggles.Explain(course, courseKey, context),
            OrgFlag org when courseKey is not null => _app.Toggles.Explain(org, courseKey.Split(':', '+')[1], context),
            _ => _app.Toggles.Explain(toggle, context),
        };
    }

    private string FindUser(bool inRollout)
        => Enumerable.Range(1, 1000).Select(i => $"user-{i}")
            .First(id => _app.Toggles.IsEnabled(StorefrontToggles.NewCheckout, new ToggleContext { UserId = id, IsAuthenticated = true }) == inRollout);
}
