using FeatureFlags.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Tests.Lifecycle;

/// <summary>The report reads the store (state and first/last modified times), never the process cache.</summary>
public class ToggleReporterStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly ToggleAuditInfo Ana = new("ana");

    [Test]
    public async Task Report_ReadsTheStoreOnly_NoCacheLoadAndNoChangeFeed()
    {
        var clock = new ManualTimeProvider(Start);
        var store = new HookableToggleStore(await SeedAsync(clock));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FeatureToggles:lifecycle.shadowed_setting"] = "on",
            ["FeatureToggles:Overrides:lifecycle.expired"] = "true",
        }).Build();
        using var harness = Create(clock, store, configuration);

        var report = await harness.Provider.GetRequiredService<IToggleReporter>().CreateReportAsync();
        var byName = report.Entries.ToDictionary(e => e.Name);

        Assert.Multiple(() =>
        {
            Assert.That(store.Subscriptions, Is.Zero, "no process cache was started");
            Assert.That(byName["lifecycle.course_pilot"].CurrentSettings, Does.StartWith("flag: everyone: on; overrides: 1 course"));
            Assert.That(byName["lifecycle.course_pilot"].FirstModified, Is.EqualTo(Start), "a deleted override older than the toggle's key counts");
            Assert.That(byName["lifecycle.course_pilot"].LastModified, Is.EqualTo(Start.AddMinutes(3)), "the newest of its keys");
            Assert.That(byName["lifecycle.expired"].ConfigurationOverride, Does.StartWith("on"), "configuration read from configuration");
            Assert.That(byName["lifecycle.shadowed_setting"].CurrentSettings, Is.EqualTo("configuration: on"));
            Assert.That(byName["lifecycle.kill_switch"].FirstModified, Is.Null, "never written");
        });
    }

    [Test]
    public async Task ReportOfSomeToggles_SameEntriesAsTheFullReport_ForThoseOnly()
    {
        var clock = new ManualTimeProvider(Start);
        using var harness = Create(clock, await SeedAsync(clock));
        var reporter = harness.Provider.GetRequiredService<IToggleReporter>();

        var full = await reporter.CreateReportAsync();
        var some = await reporter.CreateReportAsync(["lifecycle.course_pilot", "gone.orphan", "lifecycle.kill_switch", "nobody.knows_me"]);

        Assert.That(some.Entries.Select(e => e.Name), Is.EqualTo(new[] { "gone.orphan", "lifecycle.course_pilot", "lifecycle.kill_switch" }));
        foreach (var entry in some.Entries)
        {
            Assert.That(Json(some, entry), Is.EqualTo(Json(full, full.Entries.Single(e => e.Name == entry.Name))), entry.Name);
        }

        Assert.ThrowsAsync<ArgumentException>(async () => await reporter.CreateReportAsync(["Not A Name"]));
    }

    private static string Json(ToggleReport report, ToggleReportEntry entry) => new ToggleReport(report.GeneratedAt, [entry]).ToJson();

    /// <summary>
    /// Writes straight to the store, as another process would: a course override later deleted (the pilot's oldest
    /// change), the pilot's rules, a second course override, and an orphan.
    /// </summary>
    private static async Task<InMemoryToggleStore> SeedAsync(ManualTimeProvider clock)
    {
        var store = new InMemoryToggleStore(clock);
        var pilot = LifecycleToggles.Pilot.FullName;
        var early = await store.SetAsync($"{pilot}/course/course-v1:X+Y+Z", StoredValueCodec.EncodeOverride(true), 0, Ana);
        clock.Now = Start.AddMinutes(1);
        await store.DeleteAsync(early.Key, early.Version, Ana);
        clock.Now = Start.AddMinutes(2);
        await store.SetAsync(pilot, StoredValueCodec.EncodeFlag(new FlagRules { Everyone = true }), 0, Ana);
        clock.Now = Start.AddMinutes(3);
        await store.SetAsync($"{pilot}/course/course-v1:A+B+C", StoredValueCodec.EncodeOverride(false), 0, Ana);
        await store.SetAsync("gone.orphan", StoredValueCodec.EncodeSwitch(true), 0, Ana);
        clock.Now = Start.AddDays(1);
        return store;
    }

    private static ToggleHarness Create(ManualTimeProvider clock, IToggleStore store, IConfiguration? configuration = null)
        => ToggleHarness.Create(
            b =>
            {
                b.AddToggles(LifecycleToggles.All);
                b.Services.AddSingleton<TimeProvider>(clock);
            },
            configuration: configuration,
            store: store);
}
