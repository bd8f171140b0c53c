using FeatureFlags.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Tests.Lifecycle;

public class ToggleReporterTests
{
    private static readonly DateTimeOffset Today = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly ToggleActor Ana = new("ana");

    [Test]
    public async Task Report_EveryField_ForDeclaredAndOrphanedToggles()
    {
        var clock = new ManualTimeProvider(Today.AddDays(-10));
        using var harness = Create(clock);
        await harness.Admin.SetAsync(LifecycleToggles.Expired, true, Ana);
        clock.Now = Today.AddDays(-3);
        await harness.Admin.SetAsync(LifecycleToggles.Expired, false, Ana);
        await harness.Admin.SetAsync(LifecycleToggles.Stale, new FlagRules { Percent = 25, Groups = ["beta"] }, Ana);
        await harness.Admin.SetAsync(LifecycleToggles.Pilot, new FlagRules { Everyone = true }, Ana);
        await harness.Admin.SetCourseOverrideAsync(LifecycleToggles.Pilot, "course-v1:A+B+C", false, Ana);
        await harness.Admin.SetOrganizationOverrideAsync(LifecycleToggles.Pilot, "Acme", true, Ana);
        await harness.Admin.SetSwitchAsync("gone.removed_from_code", true, Ana);
        clock.Now = Today;

        var report = await harness.Provider.GetRequiredService<IToggleReporter>().CreateReportAsync();
        var byName = report.Entries.ToDictionary(e => e.Name);

        Assert.Multiple(() =>
        {
            Assert.That(report.GeneratedAt, Is.EqualTo(Today));
            Assert.That(report.Entries.Select(e => e.Name), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
            var expired = byName["lifecycle.expired"];
            Assert.That(expired.Description, Is.EqualTo("Was due out in October."));
            Assert.That(expired.Implementation, Is.EqualTo("Switch"));
            Assert.That(expired.UseCases, Is.EqualTo(ToggleUseCases.LaunchDate));
            Assert.That(expired.CreatedOn, Is.EqualTo(new DateOnly(2026, 9, 1)));
            Assert.That(expired.TargetRemovalOn, Is.EqualTo(new DateOnly(2026, 10, 31)));
            Assert.That(expired.CurrentSettings, Is.EqualTo("switch: off"));
            Assert.That(expired.FirstModified, Is.EqualTo(Today.AddDays(-10)));
            Assert.That(expired.LastModified, Is.EqualTo(Today.AddDays(-3)));
            Assert.That(expired.Status, Is.EqualTo(ToggleStatus.Off));
            Assert.That(expired.Owner, Is.EqualTo("web"));

            Assert.That(byName["lifecycle.stale_rollout"].Status, Is.EqualTo(ToggleStatus.Both));
            Assert.That(byName["lifecycle.stale_rollout"].CurrentSettings, Is.EqualTo("flag: everyone: unset; percent: 25; groups: beta"));
            Assert.That(byName["lifecycle.course_pilot"].Status, Is.EqualTo(ToggleStatus.Both), "on for everyone but off for one course");
            Assert.That(byName["lifecycle.course_pilot"].CurrentSettings, Is.EqualTo("flag: everyone: on; overrides: 1 course (0 on, 1 off), 1 org (1 on, 0 off)"));
            Assert.That(byName["lifecycle.kill_switch"].CurrentSettings, Is.EqualTo("not stored (default: on)"));
            Assert.That(byName["lifecycle.kill_switch"].Status, Is.EqualTo(ToggleStatus.On));
            Assert.That(byName["lifecycle.kill_switch"].FirstModified, Is.Null);
            Assert.That(byName["lifecycle.shadowed_setting"].CurrentSettings, Is.EqualTo("not configured (default: off)"));

            var orphan = byName["gone.removed_from_code"];
            Assert.That(orphan.IsOrphan, Is.True);
            Assert.That(orphan.Implementation, Is.EqualTo("switch (undeclared)"));
            Assert.That(orphan.Status, Is.EqualTo(ToggleStatus.On));
            Assert.That(byName.Values.Where(e => e.IsOrphan).Select(e => e.Name), Is.EqualTo(new[] { "gone.removed_from_code" }));
        });
    }

    [Test]
    public async Task Report_RenderedAsJsonCsvAndMarkdown_FromTheSameModel()
    {
        using var harness = Create(new ManualTimeProvider(Today));
        await harness.Admin.SetAsync(LifecycleToggles.Stale, new FlagRules { Users = ["a|b", "c,\"d\""] }, Ana);
        var report = await harness.Provider.GetRequiredService<IToggleReporter>().CreateReportAsync();

        using var json = System.Text.Json.JsonDocument.Parse(report.ToJson());
        var csv = report.ToCsv().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var markdown = report.ToMarkdown().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var stale = json.RootElement.GetProperty("toggles").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "lifecycle.stale_rollout");
        Assert.Multiple(() =>
        {
            Assert.That(stale.GetProperty("status").GetString(), Is.EqualTo("both"));
            Assert.That(stale.GetProperty("use_cases")[0].GetString(), Is.EqualTo("MonitoredRollout"));
            Assert.That(stale.GetProperty("created_on").GetString(), Is.EqualTo("2026-06-01"));
            Assert.That(stale.GetProperty("orphan").GetBoolean(), Is.False);
            Assert.That(csv[0], Does.StartWith("name,description,implementation,use_cases,created_on,target_removal_on,current_settings,first_modified,last_modified,status,orphan,owner"));
            Assert.That(csv, Has.Length.EqualTo(report.Entries.Count + 1));
            Assert.That(csv.Single(l => l.StartsWith("lifecycle.stale_rollout", StringComparison.Ordinal)), Does.Contain("\"flag: everyone: unset; users: a|b,c,\"\"d\"\"\""));
            Assert.That(markdown.Count(l => l.StartsWith("| lifecycle.", StringComparison.Ordinal)), Is.EqualTo(report.Entries.Count));
            Assert.That(markdown.Single(l => l.StartsWith("| lifecycle.stale_rollout", StringComparison.Ordinal)), Does.Contain("a\\|b"));
        });
    }

    [Test]
    public async Task Lint_EachRule_OnToggleswithKnownDates()
    {
        using var harness = Create(new ManualTimeProvider(Today));
        await harness.Store.SetAsync(LifecycleToggles.Shadowed.FullName, StoredValueCodec.EncodeSwitch(true), 0, new ToggleAuditInfo("old-code"));
        await harness.Admin.SetSwitchAsync("gone.removed_from_code", true, Ana);

        var findings = await harness.Provider.GetRequiredService<IToggleReporter>().LintAsync();
        var rules = findings.Select(f => (f.Toggle, f.Rule, f.Severity)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(rules, Does.Contain(("lifecycle.expired", "expired", ToggleLintSeverity.Error)));
            Assert.That(rules, Does.Contain(("lifecycle.stale_rollout", "stale", ToggleLintSeverity.Warning)));
            Assert.That(rules, Does.Contain(("lifecycle.fresh_beta", "missing-removal-date", ToggleLintSeverity.Warning)));
            Assert.That(rules, Does.Contain(("lifecycle.fresh_beta", "missing-owner", ToggleLintSeverity.Info)));
            Assert.That(rules, Does.Contain(("lifecycle.shadowed_setting", "setting-shadows-stored-state", ToggleLintSeverity.Warning)));
            Assert.That(rules, Does.Contain(("gone.removed_from_code", "orphan", ToggleLintSeverity.Info)));
            Assert.That(rules.Where(r => r.Toggle == "lifecycle.fresh_beta").Select(r => r.Rule), Has.None.EqualTo("stale"), "created this month");
            Assert.That(rules.Where(r => r.Toggle == "lifecycle.kill_switch"), Is.Empty, "long-lived use case: never stale");
            Assert.That(rules.Where(r => r.Toggle == "lifecycle.expired").Select(r => r.Rule), Has.None.EqualTo("stale"), "launch date lifetime 90 days not yet passed");
            Assert.That(findings[0].Severity, Is.EqualTo(ToggleLintSeverity.Error), "most severe first");
            Assert.That(findings.Single(f => f.Rule == "expired").Message, Does.Contain("22 days ago"));
            Assert.That(findings.Single(f => f.Rule == "orphan").FixHint, Does.Contain("step two"));
        });
    }

    [Test]
    public async Task Lint_ExpectedLifetimes_AreConfigurable_AndFollowTheClock()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 7, 15, 0, 0, 0, TimeSpan.Zero));
        using var harness = Create(clock, o => o.Lint.ExpectedLifetimes[ToggleUseCases.MonitoredRollout] = TimeSpan.FromDays(30));
        var reporter = harness.Provider.GetRequiredService<IToggleReporter>();

        var july = await reporter.LintAsync();
        clock.Now = new DateTimeOffset(2026, 6, 20, 0, 0, 0, TimeSpan.Zero);
        var june = await reporter.LintAsync();

        Assert.That(july.Any(f => f.Toggle == "lifecycle.stale_rollout" && f.Rule == "stale"), Is.True, "44 days old, lifetime 30");
        Assert.That(june.Any(f => f.Toggle == "lifecycle.stale_rollout" && f.Rule == "stale"), Is.False, "19 days old");
        Assert.That(june.Any(f => f.Rule == "expired"), Is.False, "before October nothing has expired");
    }

    private static ToggleHarness Create(TimeProvider clock, Action<FeatureTogglesOptions>? options = null)
        => ToggleHarness.Create(
            b =>
            {
                b.AddToggles(LifecycleToggles.All);
                b.Services.AddSingleton(clock);
            },
            options);
}
