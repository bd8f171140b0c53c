using FeatureFlags.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Tests.Evaluation;

/// <summary>
/// Warm evaluation must not allocate. Measured with the thread's allocation counter around a loop, not with a timer.
/// Each test first proves the path it measures (the answer and its reason), so it cannot pass on another path.
/// </summary>
[NonParallelizable]
public class AllocationTests
{
    private const int Iterations = 10_000;

    [Test]
    public async Task IsEnabled_WarmSwitchAndFlag_AllocatesNothing()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator);
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Percent = 40, Users = ["x", "y"], Groups = ["g1", "g2"], Languages = ["de"] }, Actors.Operator);
        await harness.Admin.SetSiteOverrideAsync(TestToggles.Beta, "other.example", true, Actors.Operator);
        var toggles = harness.Toggles;
        var context = new ToggleContext { UserId = "user-77", IsAuthenticated = true, Groups = ["g9", "g8"], Language = "fr-CA", Site = "main.example" };

        // First prove the paths measured: the stored switch answers; for the user, every rule and the site override
        // are checked and the percentage answers; for an anonymous caller no rule matches.
        Assert.That(Decision(toggles.Explain(TestToggles.Kill)), Is.EqualTo((true, ToggleReason.Switch)));
        Assert.That(Decision(toggles.Explain(TestToggles.Beta, context)), Is.EqualTo((true, ToggleReason.Percent)));
        Assert.That(Decision(toggles.Explain(TestToggles.Beta)), Is.EqualTo((false, ToggleReason.NoRuleMatched)));

        var switchOn = Measure(() => toggles.IsEnabled(TestToggles.Kill), out var switchBytes);
        var flagOn = Measure(() => toggles.IsEnabled(TestToggles.Beta, context), out var flagBytes);
        var anonymousOn = Measure(() => toggles.IsEnabled(TestToggles.Beta), out var anonymousFlagBytes);

        Assert.Multiple(() =>
        {
            Assert.That(switchBytes, Is.Zero, "switch");
            Assert.That(flagBytes, Is.Zero, "flag with users, groups, languages, percent and site overrides");
            Assert.That(anonymousFlagBytes, Is.Zero, "flag, anonymous");
            Assert.That((switchOn, flagOn, anonymousOn), Is.EqualTo((Iterations, Iterations, 0)), "each answer in every iteration");
        });
    }

    [Test]
    public async Task IsEnabled_FlagWithOneCustomRule_AllocatesNothing()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All).AddToggleRule<TestRules.PlanRule>("plan"));
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Percent = 40, CustomRules = [TestRules.Plan("pro", "team")] }, Actors.Operator);
        var toggles = harness.Toggles;
        var pro = new ToggleContext { UserId = "user-77", Attributes = new Dictionary<string, string> { ["plan"] = "pro" } };
        var free = new ToggleContext { UserId = "user-77", Attributes = new Dictionary<string, string> { ["plan"] = "free" } };
        Assert.That(Decision(toggles.Explain(TestToggles.Beta, pro)), Is.EqualTo((true, ToggleReason.CustomRule)));
        Assert.That(Decision(toggles.Explain(TestToggles.Beta, free)), Is.EqualTo((true, ToggleReason.Percent)));

        var on = Measure(() => toggles.IsEnabled(TestToggles.Beta, pro), out var matchBytes);
        var missOn = Measure(() => toggles.IsEnabled(TestToggles.Beta, free), out var missBytes);

        Assert.That(matchBytes, Is.Zero, "custom rule matches");
        Assert.That(missBytes, Is.Zero, "custom rule does not match; the percentage answers");
        Assert.That((on, missOn), Is.EqualTo((Iterations, Iterations)));
    }

    [Test]
    public void IsEnabled_ConfigurationOverride_AllocatesNothing()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("FeatureToggles:Overrides:tests.beta", "true"), new("FeatureToggles:Overrides:tests.outline:Courses:0:Key", "course-v1:A+B+C"), new("FeatureToggles:Overrides:tests.outline:Courses:0:Enabled", "true")])
            .Build();
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All), configuration: configuration);
        var toggles = harness.Toggles;
        var context = new ToggleContext { UserId = "user-77" };
        Assert.That(Decision(toggles.Explain(TestToggles.Beta, context)), Is.EqualTo((true, ToggleReason.Configuration)));
        Assert.That(Decision(toggles.Explain(TestToggles.Outline, "course-v1:A+B+C")), Is.EqualTo((true, ToggleReason.Configuration)));

        var on = Measure(() => toggles.IsEnabled(TestToggles.Beta, context), out var flagBytes)
            + Measure(() => toggles.IsEnabled(TestToggles.Outline, "course-v1:A+B+C"), out var courseBytes);

        Assert.That(flagBytes, Is.Zero);
        Assert.That(courseBytes, Is.Zero);
        Assert.That(on, Is.EqualTo(2 * Iterations));
    }

    [Test]
    public async Task IsEnabled_ScopeCacheHits_AllocateNothing()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Percent = 40 }, Actors.Operator);
        await harness.Admin.SetCourseOverrideAsync(TestToggles.Outline, "course-v1:A+B+C", true, Actors.Operator);
        var toggles = harness.Toggles;
        bool flagAnswer;
        int flagOn, courseOn;
        long flagBytes, courseBytes;
        using (toggles.BeginScope(new ToggleContext { UserId = "u" }))
        {
            flagAnswer = toggles.IsEnabled(TestToggles.Beta);
            Assert.That(toggles.IsEnabled(TestToggles.Outline, "course-v1:A+B+C"), Is.True);

            // First prove the path measured: with the stored state now answering the opposite, the scope still gives its
            // first answers, so they come from its cache.
            await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Everyone = !flagAnswer }, Actors.Operator);
            await harness.Admin.SetCourseOverrideAsync(TestToggles.Outline, "course-v1:A+B+C", false, Actors.Operator);
            Assert.That(toggles.Explain(TestToggles.Beta).FromScopeCache, Is.True);
            Assert.That(toggles.Explain(TestToggles.Outline, "course-v1:A+B+C").FromScopeCache, Is.True);

            flagOn = Measure(() => toggles.IsEnabled(TestToggles.Beta), out flagBytes);
            courseOn = Measure(() => toggles.IsEnabled(TestToggles.Outline, "course-v1:A+B+C"), out courseBytes);
        }

        Assert.That(flagBytes, Is.Zero);
        Assert.That(courseBytes, Is.Zero);
        Assert.That((flagOn, courseOn), Is.EqualTo((flagAnswer ? Iterations : 0, Iterations)), "the scope's first answers, every time");
        Assert.That(
            (toggles.IsEnabled(TestToggles.Beta, new ToggleContext { UserId = "u" }), toggles.IsEnabled(TestToggles.Outline, "course-v1:A+B+C")),
            Is.EqualTo((!flagAnswer, false)),
            "outside the scope the stored state answers the opposite");
    }

    [Test]
    public async Task IsEnabled_WithTheEvaluationCounterListenedTo_AllocatesNothing()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Percent = 40 }, Actors.Operator);
        var toggles = harness.Toggles;
        var meter = harness.Provider.GetRequiredService<ToggleTelemetry>().Meter;
        var measured = 0L;
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => measured += value);
        listener.Start();
        var context = new ToggleContext { UserId = "user-77" };
        Assert.That(Decision(toggles.Explain(TestToggles.Beta, context)), Is.EqualTo((true, ToggleReason.Percent)));
        measured = 0;

        var on = Measure(() => toggles.IsEnabled(TestToggles.Beta, context), out var bytes);

        Assert.That(bytes, Is.Zero, "tags are interned strings and pre-boxed booleans");
        Assert.That(on, Is.EqualTo(Iterations));
        Assert.That(measured, Is.EqualTo(Iterations + 100), "every evaluation, warm-up included, was counted");
    }

    [Test]
    public async Task IsEnabled_GroupedToggleAndFlagWithAPrerequisite_AllocateNothing()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        await harness.Admin.SetAsync(ReleaseToggles.R1, true, Actors.Operator);
        await harness.Admin.SetAsync(ReleaseToggles.Parent, true, Actors.Operator);
        await harness.Admin.SetAsync(ReleaseToggles.Child, new FlagRules { Percent = 40, Users = ["user-77"] }, Actors.Operator);
        await harness.Admin.RequireAsync(ReleaseToggles.Child, Actors.Operator, ReleaseToggles.Parent);
        var toggles = harness.Toggles;
        var context = new ToggleContext { UserId = "user-77" };

        // First prove the paths measured: the group answers for its member, and the met prerequisite leads to the rules.
        Assert.That(toggles.Explain(ReleaseToggles.Search, context).Reason, Is.EqualTo(ToggleReason.ReleaseGroup));
        Assert.That(toggles.Explain(ReleaseToggles.Child, context).Reason, Is.EqualTo(ToggleReason.User));

        var grouped = Measure(() => toggles.IsEnabled(ReleaseToggles.Search, context), out var groupedBytes);
        var required = Measure(() => toggles.IsEnabled(ReleaseToggles.Child, context), out var prerequisiteBytes);

        await harness.Admin.SetAsync(ReleaseToggles.Parent, false, Actors.Operator);
        Assert.That(toggles.Explain(ReleaseToggles.Child, context).Reason, Is.EqualTo(ToggleReason.PrerequisiteFailed));
        var failed = Measure(() => toggles.IsEnabled(ReleaseToggles.Child, context), out var failedBytes);

        Assert.Multiple(() =>
        {
            Assert.That(groupedBytes, Is.Zero, "grouped toggle");
            Assert.That(prerequisiteBytes, Is.Zero, "flag with a met prerequisite");
            Assert.That(failedBytes, Is.Zero, "flag with an unmet prerequisite");
            Assert.That((grouped, required, failed), Is.EqualTo((Iterations, Iterations, 0)));
        });
    }

    [Test]
    public async Task IsEnabled_ScheduledFlagAndScheduledOverride_AllocateNothing()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        var window = new ToggleSchedule(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Percent = 40, Users = ["user-77"] }, Actors.Operator, schedule: window);
        await harness.Admin.SetCourseOverrideAsync(TestToggles.Outline, "course-v1:A+B+C", true, Actors.Operator, schedule: window);
        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator, schedule: new ToggleSchedule(activeFrom: DateTimeOffset.UtcNow.AddDays(1)));
        var toggles = harness.Toggles;
        var context = new ToggleContext { UserId = "user-77" };

        // First prove the paths measured: each scheduled value is read, and the pending one is skipped.
        Assert.That(toggles.Explain(TestToggles.Beta, context).Reason, Is.EqualTo(ToggleReason.User));
        Assert.That(toggles.Explain(TestToggles.Outline, "course-v1:A+B+C").Reason, Is.EqualTo(ToggleReason.Course));
        Assert.That(toggles.Explain(TestToggles.Kill).Reason, Is.EqualTo(ToggleReason.Default));

        var flag = Measure(() => toggles.IsEnabled(TestToggles.Beta, context), out var flagBytes);
        var course = Measure(() => toggles.IsEnabled(TestToggles.Outline, "course-v1:A+B+C"), out var courseBytes);
        var pending = Measure(() => toggles.IsEnabled(TestToggles.Kill), out var pendingBytes);

        Assert.Multiple(() =>
        {
            Assert.That(flagBytes, Is.Zero, "scheduled flag");
            Assert.That(courseBytes, Is.Zero, "scheduled course override");
            Assert.That(pendingBytes, Is.Zero, "pending switch");
            Assert.That((flag, course, pending), Is.EqualTo((Iterations, Iterations, 0)));
        });
    }

    private static (bool IsEnabled, ToggleReason Reason) Decision(ToggleExplanation explanation) => (explanation.IsEnabled, explanation.Reason);

    private static int Measure(Func<bool> evaluate, out long allocated)
    {
        for (var i = 0; i < 100; i++)
        {
            evaluate();
        }

        var on = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
        {
            if (evaluate())
            {
                on++;
            }
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return on;
    }
}
