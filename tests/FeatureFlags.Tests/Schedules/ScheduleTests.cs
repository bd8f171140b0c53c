using FeatureFlags.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Tests.Schedules;

/// <summary>
/// Scheduled states with a fake clock: before, at and after each boundary, for every kind of stored value.
/// </summary>
public class ScheduleTests
{
    private const string Course = "course-v1:Acme+CS101+2026";
    private static readonly DateTimeOffset From = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = new(2027, 1, 31, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private static IEnumerable<TestCaseData> Boundaries()
    {
        yield return new TestCaseData(From - Tick, false).SetName("{m}_JustBeforeActiveFrom_DoesNotApply");
        yield return new TestCaseData(From, true).SetName("{m}_AtActiveFrom_Applies");
        yield return new TestCaseData(From + Tick, true).SetName("{m}_JustAfterActiveFrom_Applies");
        yield return new TestCaseData(Until - Tick, true).SetName("{m}_JustBeforeActiveUntil_Applies");
        yield return new TestCaseData(Until, false).SetName("{m}_AtActiveUntil_NoLongerApplies");
        yield return new TestCaseData(Until + Tick, false).SetName("{m}_AfterActiveUntil_NoLongerApplies");
    }

    [TestCaseSource(nameof(Boundaries))]
    public async Task Switch(DateTimeOffset now, bool applies)
    {
        var (harness, clock) = Create();
        using var _ = harness;
        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator, schedule: new ToggleSchedule(From, Until));

        clock.Now = now;
        var explanation = harness.Toggles.Explain(TestToggles.Kill);

        Assert.That((explanation.IsEnabled, explanation.Reason), Is.EqualTo(applies ? (true, ToggleReason.Switch) : (false, ToggleReason.Default)));
    }

    [TestCaseSource(nameof(Boundaries))]
    public async Task Flag(DateTimeOffset now, bool applies)
    {
        var (harness, clock) = Create();
        using var _ = harness;
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Everyone = true }, Actors.Operator, schedule: new ToggleSchedule(From, Until));

        clock.Now = now;

        Assert.That(harness.Toggles.Explain(TestToggles.Beta).Reason, Is.EqualTo(applies ? ToggleReason.Everyone : ToggleReason.Default));
    }

    [TestCaseSource(nameof(Boundaries))]
    public async Task Group(DateTimeOffset now, bool applies)
    {
        var (harness, clock) = Create();
        using var _ = harness;
        await harness.Admin.SetAsync(ReleaseToggles.Checkout, false, Actors.Operator);
        await harness.Admin.SetAsync(ReleaseToggles.R1, true, Actors.Operator, schedule: new ToggleSchedule(From, Until));

        clock.Now = now;
        var explanation = harness.Toggles.Explain(ReleaseToggles.Checkout);

        Assert.That((explanation.IsEnabled, explanation.Reason), Is.EqualTo(applies ? (true, ToggleReason.ReleaseGroup) : (false, ToggleReason.Switch)));
    }

    [TestCaseSource(nameof(Boundaries))]
    public async Task CourseOrgAndSiteOverrides(DateTimeOffset now, bool applies)
    {
        var (harness, clock) = Create();
        using var _ = harness;
        var schedule = new ToggleSchedule(From, Until);
        await harness.Admin.SetAsync(TestToggles.Outline, new FlagRules { Everyone = false }, Actors.Operator);
        await harness.Admin.SetCourseOverrideAsync(TestToggles.Outline, Course, true, Actors.Operator, schedule: schedule);
        await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Pilot, "Acme", true, Actors.Operator, schedule: schedule);
        await harness.Admin.SetSiteOverrideAsync(TestToggles.Kill, "pilot.example", true, Actors.Operator, schedule: schedule);

        clock.Now = now;
        var course = harness.Toggles.Explain(TestToggles.Outline, Course);
        var org = harness.Toggles.Explain(TestToggles.Pilot, "Acme");
        var site = harness.Toggles.Explain(TestToggles.Kill, new ToggleContext { Site = "pilot.example" });

        Assert.That((course.IsEnabled, course.Reason), Is.EqualTo(applies ? (true, ToggleReason.Course) : (false, ToggleReason.Everyone)));
        Assert.That((org.IsEnabled, org.Reason), Is.EqualTo(applies ? (true, ToggleReason.Organization) : (false, ToggleReason.Default)));
        Assert.That((site.IsEnabled, site.Reason), Is.EqualTo(applies ? (true, ToggleReason.Site) : (false, ToggleReason.Default)));
    }

    [Test]
    public async Task SystemClock_ReusedAnswer_StillEndsAtTheInstant()
    {
        // The system clock's answer is reused between reads of the wall clock, but never across a boundary: an
        // evaluation right after ActiveUntil sees the state gone, however recently the answer was cached. Only the
        // system clock takes this path, so the test follows real time; the window is wide enough (a second) that a
        // slow machine still evaluates inside it, and nothing about durations is asserted.
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        var until = DateTimeOffset.UtcNow.AddMilliseconds(CompiledRules.MaxReuseMilliseconds);
        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator, schedule: new ToggleSchedule(activeUntil: until));

        var before = 0;
        while (DateTimeOffset.UtcNow < until.AddMilliseconds(-CompiledRules.BoundaryMarginMilliseconds * 2))
        {
            before += harness.Toggles.IsEnabled(TestToggles.Kill) ? 1 : 0;
            await Task.Delay(1);
        }

        while (DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(1);
        }

        Assert.That(before, Is.GreaterThan(0), "the state applied before its end");
        Assert.That(harness.Toggles.Explain(TestToggles.Kill).Reason, Is.EqualTo(ToggleReason.Default), "and not a moment after");
    }

    [Test]
    public async Task OpenEndedSchedules_OnlyFromAndOnlyUntil()
    {
        var (harness, clock) = Create();
        using var _ = harness;
        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator, schedule: new ToggleSchedule(activeFrom: From));
        await harness.Admin.SetAsync(TestToggles.DefaultOn, false, Actors.Operator, schedule: new ToggleSchedule(activeUntil: Until));

        clock.Now = From.AddYears(50);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.True, "no end");
        Assert.That(harness.Toggles.IsEnabled(TestToggles.DefaultOn), Is.True, "ended: the default (on) is back");

        clock.Now = From.AddYears(-50);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.False, "not started");
        Assert.That(harness.Toggles.IsEnabled(TestToggles.DefaultOn), Is.False, "no start: applies already");
    }

    [Test]
    public async Task Explain_SaysWhyAScheduledStateDoesNotApply()
    {
        var (harness, clock) = Create();
        using var _ = harness;
        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator, schedule: new ToggleSchedule(From, Until));

        clock.Now = From - TimeSpan.FromHours(1);
        var pending = harness.Toggles.Explain(TestToggles.Kill).Detail;
        clock.Now = Until;
        var expired = harness.Toggles.Explain(TestToggles.Kill).Detail;

        Assert.That(pending, Is.EqualTo("code default (off); the stored state applies from 2026-12-07T09:00:00Z"));
        Assert.That(expired, Is.EqualTo("code default (off); the stored state expired at 2027-01-31T00:00:00Z"));
    }

    [Test]
    public void Schedule_RefusesAnEmptyOrBackwardsWindow_AndStoresUtc()
    {
        var empty = Assert.Throws<ArgumentException>(() => _ = new ToggleSchedule());
        var backwards = Assert.Throws<ArgumentException>(() => _ = new ToggleSchedule(Until, From));
        var local = new ToggleSchedule(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(1)));

        Assert.That(empty!.Message, Does.Contain("needs a start"));
        Assert.That(backwards!.Message, Does.Contain("ends (2026-12-07T09:00:00Z) before it starts (2027-01-31T00:00:00Z)"));
        Assert.That((local.ActiveFrom, local.ActiveFrom!.Value.Offset), Is.EqualTo((From, TimeSpan.Zero)));
    }

    [Test]
    public async Task StoredValue_CarriesTheSchedule_SoTheAuditRecordsIt()
    {
        var (harness, _) = Create();
        using var h = harness;
        await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Pilot, "acme", true, Actors.Operator, schedule: new ToggleSchedule(activeUntil: Until));

        var history = await harness.Admin.GetHistoryAsync(TestToggles.Pilot.FullName);

        Assert.That(history[^1].After, Is.EqualTo("{\"v\":1,\"on\":true,\"activeUntil\":\"2027-01-31T00:00:00Z\"}"));
        Assert.That(StoredValueCodec.DecodeOverride(history[^1].After!).Schedule, Is.EqualTo(new ToggleSchedule(activeUntil: Until)));
    }

    [Test]
    public async Task UpdateFlag_KeepsTheSchedule_ButANewStateReplacesIt()
    {
        var (harness, _) = Create();
        using var h = harness;
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Percent = 5 }, Actors.Operator, schedule: new ToggleSchedule(From));

        await harness.Admin.UpdateFlagAsync(TestToggles.Beta.FullName, r => r with { Percent = 10 }, Actors.Operator);
        var updated = (await harness.Store.GetAsync(TestToggles.Beta.FullName))!.Value;
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Percent = 20 }, Actors.Operator);
        var replaced = (await harness.Store.GetAsync(TestToggles.Beta.FullName))!.Value;

        Assert.That(StoredValueCodec.DecodeRules(updated).Schedule, Is.EqualTo(new ToggleSchedule(From)));
        Assert.That(StoredValueCodec.DecodeRules(replaced).Schedule, Is.Null);
    }

    [TestCase("{\"v\":1,\"on\":true,\"activeFrom\":\"2026-12-07T10:00:00+01:00\"}", "must be a UTC instant")]
    [TestCase("{\"v\":1,\"on\":true,\"activeFrom\":\"next monday\"}", "must be a UTC instant")]
    [TestCase("{\"v\":1,\"on\":true,\"activeFrom\":\"2027-01-31T00:00:00Z\",\"activeUntil\":\"2026-12-07T09:00:00Z\"}", "before it starts")]
    public async Task Import_RefusesAMalformedSchedule(string value, string message)
    {
        var (harness, _) = Create();
        using var h = harness;

        var result = await harness.Admin.ApplyAsync([new ToggleStoreWrite("tests.pilot/org/acme", value, 0)], Actors.Operator);

        Assert.That(result.Applied, Is.False);
        Assert.That(result.Problems.Single().Message, Does.Contain(message));
    }

    [Test]
    public async Task ClearingAnOverrideOrUnsettingAGroup_WithASchedule_IsRefused()
    {
        var (harness, _) = Create();
        using var h = harness;

        var clear = Assert.ThrowsAsync<ArgumentException>(async () => await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Pilot, "acme", null, Actors.Operator, schedule: new ToggleSchedule(From)));
        var unset = Assert.ThrowsAsync<ArgumentException>(async () => await harness.Admin.SetAsync(ReleaseToggles.R1, null, Actors.Operator, schedule: new ToggleSchedule(From)));

        Assert.That(clear!.Message, Does.Contain("takes no schedule"));
        Assert.That(unset!.Message, Does.Contain("takes no schedule"));
    }

    [Test]
    public async Task Report_ShowsPendingActiveAndExpired_AndLintFlagsExpiredOnes()
    {
        var (harness, clock) = Create();
        using var h = harness;
        await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Pilot, "acme", true, Actors.Operator, schedule: new ToggleSchedule(activeUntil: new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero)));
        clock.Now = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator, schedule: new ToggleSchedule(activeFrom: new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero)));
        await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Pilot, "globex", true, Actors.Operator, schedule: new ToggleSchedule(From, Until));
        var reporter = harness.Provider.GetRequiredService<IToggleReporter>();

        var report = await reporter.CreateReportAsync();
        var kill = report.Entries.Single(e => e.Name == TestToggles.Kill.FullName);
        var pilot = report.Entries.Single(e => e.Name == TestToggles.Pilot.FullName);
        var lint = (await reporter.LintAsync()).Where(f => f.Rule == "schedule-expired").ToList();

        Assert.That(kill.CurrentSettings, Does.Contain("scheduled from 2027-02-01T00:00:00Z (pending)"));
        Assert.That(pilot.CurrentSettings, Does.EndWith("overrides: 1 org (1 on, 0 off)"), "the expired override no longer counts");
        Assert.That(pilot.Schedules.Select(s => (s.Key, s.Status)), Is.EqualTo(new[]
        {
            ("tests.pilot/org/acme", ToggleScheduleStatus.Expired),
            ("tests.pilot/org/globex", ToggleScheduleStatus.Active),
        }));
        Assert.That(lint.Select(f => f.Toggle), Is.EqualTo(new[] { TestToggles.Pilot.FullName }));
        Assert.That(lint[0].Message, Does.Contain("org override for 'acme' expired at 2026-12-31T00:00:00Z"));
        Assert.That(lint[0].FixHint, Does.Contain("toggles override org tests.pilot acme clear"));
    }

    private static (ToggleHarness Harness, ManualTimeProvider Clock) Create()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var harness = ToggleHarness.Create(b =>
        {
            b.Services.AddSingleton<TimeProvider>(clock);
            b.AddToggles([.. TestToggles.All, .. ReleaseToggles.All]);
        });
        return (harness, clock);
    }
}
