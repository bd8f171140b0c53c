using FeatureFlags.Storage;
using FeatureFlags.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Tests.Releases;

public class PrerequisiteTests
{
    private static readonly string Parent = ReleaseToggles.Parent.FullName;
    private static readonly string Child = ReleaseToggles.Child.FullName;
    private static readonly string Grandchild = ReleaseToggles.Grandchild.FullName;

    [Test]
    public async Task UnmetPrerequisite_IsOffWithPrerequisiteFailed_NamingIt()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        await harness.Admin.SetAsync(ReleaseToggles.Child, new FlagRules { Everyone = true }, Actors.Operator);
        await harness.Admin.RequireAsync(ReleaseToggles.Child, Actors.Operator, ReleaseToggles.Parent);

        var off = harness.Toggles.Explain(ReleaseToggles.Child);
        Assert.That((off.IsEnabled, off.Reason), Is.EqualTo((false, ToggleReason.PrerequisiteFailed)));
        Assert.That(off.Detail, Is.EqualTo($"off: prerequisite {Parent} must be on but is off (code default (off); nothing stored or configured)"));

        await harness.Admin.SetAsync(ReleaseToggles.Parent, true, Actors.Operator);
        var on = harness.Toggles.Explain(ReleaseToggles.Child);
        Assert.That((on.IsEnabled, on.Reason), Is.EqualTo((true, ToggleReason.Everyone)), "met: the child's own rules decide");
    }

    [Test]
    public async Task PrerequisiteRequiredOff_IsMetOnlyWhileTheOtherToggleIsOff()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        await harness.Admin.SetAsync(ReleaseToggles.Child, new FlagRules { Everyone = true }, Actors.Operator);
        await harness.Admin.SetPrerequisitesAsync(Child, [new TogglePrerequisite(ReleaseToggles.Legacy.FullName, Enabled: false)], Actors.Operator);

        Assert.That(harness.Toggles.IsEnabled(ReleaseToggles.Child), Is.True);
        await harness.Admin.SetAsync(ReleaseToggles.Legacy, true, Actors.Operator);
        Assert.That(harness.Toggles.Explain(ReleaseToggles.Child).Detail, Does.StartWith($"off: prerequisite {ReleaseToggles.Legacy.FullName} must be off but is on"));
    }

    [Test]
    public async Task Chain_ParentOffTurnsOffGrandchild_AndExplainShowsTheChain()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        await harness.Admin.SetAsync(ReleaseToggles.Parent, true, Actors.Operator);
        await harness.Admin.SetAsync(ReleaseToggles.Child, new FlagRules { Everyone = true }, Actors.Operator);
        await harness.Admin.SetAsync(ReleaseToggles.Grandchild, new FlagRules { Everyone = true }, Actors.Operator);
        await harness.Admin.RequireAsync(ReleaseToggles.Child, Actors.Operator, ReleaseToggles.Parent);
        await harness.Admin.RequireAsync(ReleaseToggles.Grandchild, Actors.Operator, ReleaseToggles.Child);
        Assert.That(harness.Toggles.IsEnabled(ReleaseToggles.Grandchild), Is.True);

        await harness.Admin.SetAsync(ReleaseToggles.Parent, false, Actors.Operator);
        var explanation = harness.Toggles.Explain(ReleaseToggles.Grandchild);

        Assert.That(explanation.IsEnabled, Is.False);
        Assert.That(explanation.Detail, Is.EqualTo(
            $"off: prerequisite {Child} must be on but is off (off: prerequisite {Parent} must be on but is off (switched off))"));
    }

    [Test]
    public async Task Prerequisite_OutranksCourseOverrides_AndPassesTheCourseOnBetweenCourseFlags()
    {
        const string Pilot = "course-v1:Acme+Pilot+2026";
        const string Other = "course-v1:Acme+Other+2026";
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        await harness.Admin.SetCourseOverrideAsync(ReleaseToggles.CourseParent, Pilot, true, Actors.Operator);
        await harness.Admin.SetCourseOverrideAsync(ReleaseToggles.CourseChild, Pilot, true, Actors.Operator);
        await harness.Admin.SetCourseOverrideAsync(ReleaseToggles.CourseChild, Other, true, Actors.Operator);
        await harness.Admin.RequireAsync(ReleaseToggles.CourseChild, Actors.Operator, ReleaseToggles.CourseParent);

        var pilot = harness.Toggles.Explain(ReleaseToggles.CourseChild, Pilot);
        var other = harness.Toggles.Explain(ReleaseToggles.CourseChild, Other);

        Assert.That((pilot.IsEnabled, pilot.Reason), Is.EqualTo((true, ToggleReason.Course)), "the parent is on for this course");
        Assert.That((other.IsEnabled, other.Reason), Is.EqualTo((false, ToggleReason.PrerequisiteFailed)), "the kill switch beats the course override");
    }

    [Test]
    public async Task DirectCycle_IsRefused_WithTheCycleSpelledOut()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        await harness.Admin.RequireAsync(ReleaseToggles.Child, Actors.Operator, ReleaseToggles.Parent);

        var ex = Assert.ThrowsAsync<ToggleException>(async () => await harness.Admin.RequireAsync(ReleaseToggles.Parent, Actors.Operator, ReleaseToggles.Child));

        Assert.That(ex!.Code, Is.EqualTo(ToggleErrorCode.Refused));
        Assert.That(ex.Message, Is.EqualTo($"Prerequisites would form a cycle: {Parent} → {Child} → {Parent}."));
        Assert.That(await harness.Store.GetAsync(Parent), Is.Null, "nothing was written");
    }

    [Test]
    public async Task CycleThroughThreeToggles_IsRefused()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        await harness.Admin.RequireAsync(ReleaseToggles.Grandchild, Actors.Operator, ReleaseToggles.Child);
        await harness.Admin.RequireAsync(ReleaseToggles.Child, Actors.Operator, ReleaseToggles.Parent);

        var ex = Assert.ThrowsAsync<ToggleException>(async () => await harness.Admin.RequireAsync(ReleaseToggles.Parent, Actors.Operator, ReleaseToggles.Grandchild));

        Assert.That(ex!.Message, Is.EqualTo($"Prerequisites would form a cycle: {Parent} → {Grandchild} → {Child} → {Parent}."));
    }

    [Test]
    public async Task CycleInAnImportBatch_IsReportedAndNothingIsWritten()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        var writes = new[]
        {
            new ToggleStoreWrite(Parent, $"{{\"v\":1,\"kind\":\"switch\",\"on\":true,\"requires\":[{{\"toggle\":\"{Child}\",\"on\":true}}]}}", 0),
            new ToggleStoreWrite(Child, $"{{\"v\":1,\"kind\":\"flag\",\"everyone\":true,\"requires\":[{{\"toggle\":\"{Parent}\",\"on\":true}}]}}", 0),
        };

        var dryRun = await harness.Admin.ApplyAsync(writes, Actors.Operator, dryRun: true);
        var real = await harness.Admin.ApplyAsync(writes, Actors.Operator);

        Assert.That(real.Applied, Is.False);
        Assert.That(real.Problems.Single().Message, Does.Contain("would form a cycle"));
        Assert.That(dryRun.Problems.Select(p => p.Message), Is.EqualTo(real.Problems.Select(p => p.Message)), "the dry run reports the same");
        Assert.That(await harness.Store.ListAsync("releases."), Is.Empty);
    }

    [Test]
    public async Task InvalidPrerequisites_AreRefusedWithTheProblemNamed()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        var admin = harness.Admin;

        var itself = Assert.ThrowsAsync<ToggleException>(async () => await admin.SetPrerequisitesAsync(Child, [new(Child)], Actors.Operator));
        var undeclared = Assert.ThrowsAsync<ArgumentException>(async () => await admin.SetPrerequisitesAsync(Child, [new("releases.parnet")], Actors.Operator));
        var twice = Assert.ThrowsAsync<ArgumentException>(async () => await admin.SetPrerequisitesAsync(Child, [new(Parent), new(Parent, false)], Actors.Operator));
        var group = Assert.ThrowsAsync<ArgumentException>(async () => await admin.SetPrerequisitesAsync(ReleaseToggles.R1.FullName, [new(Parent)], Actors.Operator));

        Assert.That(itself!.Code, Is.EqualTo(ToggleErrorCode.Refused), "a toggle requiring itself is a cycle like any other");
        Assert.That(itself.Message, Does.Contain($"cycle: {Child} → {Child}"));
        Assert.That(undeclared!.Message, Does.Contain("'releases.parnet' is not declared").And.Contain($"Did you mean '{Parent}'?"));
        Assert.That(twice!.Message, Does.Contain("listed twice"));
        Assert.That(group!.Message, Does.Contain("only switches and flags can have prerequisites"));
    }

    [Test]
    public async Task DeletingARequiredToggle_IsRefusedWhileOthersRequireIt()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        await harness.Admin.SetAsync(ReleaseToggles.Parent, true, Actors.Operator);
        await harness.Admin.RequireAsync(ReleaseToggles.Child, Actors.Operator, ReleaseToggles.Parent);
        await harness.Admin.RequireAsync(ReleaseToggles.Grandchild, Actors.Operator, ReleaseToggles.Parent);

        var ex = Assert.ThrowsAsync<ToggleException>(async () => await harness.Admin.DeleteAsync(Parent, Actors.Operator));
        Assert.That(ex!.Code, Is.EqualTo(ToggleErrorCode.Refused));
        Assert.That(ex.Message, Is.EqualTo($"'{Parent}' is required by '{Child}', '{Grandchild}': remove it from their prerequisites first."));
        Assert.That(await harness.Store.GetAsync(Parent), Is.Not.Null);

        var batch = await harness.Admin.ApplyAsync([new ToggleStoreWrite(Parent, null, (await harness.Store.GetAsync(Parent))!.Version)], Actors.Operator);
        Assert.That(batch.Applied, Is.False, "an import that deletes it is refused too");

        await harness.Admin.SetPrerequisitesAsync(Child, [], Actors.Operator);
        await harness.Admin.SetPrerequisitesAsync(Grandchild, [], Actors.Operator);
        Assert.That(await harness.Admin.DeleteAsync(Parent, Actors.Operator), Is.EqualTo(1));
    }

    [Test]
    public async Task FlippingTheToggle_KeepsItsPrerequisites_AndSettingThemKeepsItsState()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        await harness.Admin.SetAsync(ReleaseToggles.Child, new FlagRules { Users = ["ann"] }, Actors.Operator);
        await harness.Admin.RequireAsync(ReleaseToggles.Child, Actors.Operator, ReleaseToggles.Parent);
        await harness.Admin.SetAsync(ReleaseToggles.Child, new FlagRules { Everyone = true }, Actors.Operator);
        await harness.Admin.UpdateFlagAsync(Child, r => r with { Percent = 5 }, Actors.Operator);

        var stored = (await harness.Store.GetAsync(Child))!.Value;

        Assert.That(StoredValueCodec.DecodeRules(stored).Requires, Is.EqualTo(new[] { new TogglePrerequisite(Parent) }));
        Assert.That(StoredValueCodec.EncodeFlag(StoredValueCodec.DecodeFlag(stored)), Is.EqualTo(StoredValueCodec.EncodeFlag(new FlagRules { Everyone = true, Percent = 5 })));
    }

    [Test]
    public async Task PrerequisitesOnAToggleWithNothingStored_StoreItsDefault_SoAnswersDoNotChange()
    {
        var ns = new ToggleNamespace("defaults");
        var onSwitch = ns.Switch("on_switch", new ToggleMetadata { Description = "On by default.", UseCases = ToggleUseCases.OptOut, CreatedOn = TestToggles.Created, DefaultValue = true });
        var onFlag = ns.Flag("on_flag", new ToggleMetadata { Description = "On by default.", UseCases = ToggleUseCases.OptOut, CreatedOn = TestToggles.Created, DefaultValue = true });
        var parent = ns.Switch("parent", ReleaseToggles.Meta("Parent."));
        using var harness = ToggleHarness.Create(b => b.AddToggles(onSwitch, onFlag, parent));
        await harness.Admin.SetAsync(parent, true, Actors.Operator);

        await harness.Admin.RequireAsync(onSwitch, Actors.Operator, parent);
        await harness.Admin.RequireAsync(onFlag, Actors.Operator, parent);

        Assert.That(harness.Toggles.IsEnabled(onSwitch), Is.True);
        Assert.That(harness.Toggles.IsEnabled(onFlag), Is.True);
    }

    [Test]
    public async Task WithinAScope_PrerequisiteAnswersStayConsistent_AndAreCachedOnce()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        await harness.Admin.SetAsync(ReleaseToggles.Parent, true, Actors.Operator);
        await harness.Admin.SetAsync(ReleaseToggles.Child, new FlagRules { Everyone = true }, Actors.Operator);
        await harness.Admin.RequireAsync(ReleaseToggles.Child, Actors.Operator, ReleaseToggles.Parent);
        var toggles = harness.Toggles;

        using (toggles.BeginScope())
        {
            Assert.That(toggles.IsEnabled(ReleaseToggles.Child), Is.True);

            // The child's evaluation put the parent's answer in the scope: asking for the parent is a cache hit.
            Assert.That(toggles.Explain(ReleaseToggles.Parent).FromScopeCache, Is.True);

            await harness.Admin.SetAsync(ReleaseToggles.Parent, false, Actors.Operator);
            Assert.That((toggles.IsEnabled(ReleaseToggles.Parent), toggles.IsEnabled(ReleaseToggles.Child)), Is.EqualTo((true, true)), "one answer per request");
        }

        Assert.That((toggles.IsEnabled(ReleaseToggles.Parent), toggles.IsEnabled(ReleaseToggles.Child)), Is.EqualTo((false, false)));
    }

    [Test]
    public async Task CycleWrittenAroundTheChecks_StillEndsInAnAnswer()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        var audit = new ToggleAuditInfo("racing-writer", null);

        // Two writers racing could each pass the check; the store holds what they wrote.
        await harness.Store.SetAsync(Parent, $"{{\"v\":1,\"kind\":\"switch\",\"on\":true,\"requires\":[{{\"toggle\":\"{Child}\"}}]}}", 0, audit);
        await harness.Store.SetAsync(Child, $"{{\"v\":1,\"kind\":\"flag\",\"everyone\":true,\"requires\":[{{\"toggle\":\"{Parent}\"}}]}}", 0, audit);

        var explanation = harness.Toggles.Explain(ReleaseToggles.Child);

        Assert.That((explanation.IsEnabled, explanation.Reason), Is.EqualTo((false, ToggleReason.PrerequisiteFailed)));
        Assert.That(explanation.Detail, Does.Contain("a cycle?"));
    }

    [Test]
    public async Task Report_ListsPrerequisitesAndDependants_AndLintWarnsAboutUndeclaredOnes()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        await harness.Admin.RequireAsync(ReleaseToggles.Child, Actors.Operator, ReleaseToggles.Parent);
        await harness.Admin.RequireAsync(ReleaseToggles.Grandchild, Actors.Operator, ReleaseToggles.Child, ReleaseToggles.Parent);
        await harness.Store.SetAsync("gone.flag", "{\"v\":1,\"kind\":\"switch\",\"on\":true,\"requires\":[{\"toggle\":\"gone.parent\"}]}", 0, new ToggleAuditInfo("x", null));
        var reporter = harness.Provider.GetRequiredService<IToggleReporter>();

        var report = await reporter.CreateReportAsync();
        var parent = report.Entries.Single(e => e.Name == Parent);
        var grandchild = report.Entries.Single(e => e.Name == Grandchild);
        var lint = await reporter.LintAsync();

        Assert.That(parent.Dependants, Is.EqualTo(new[] { Child, Grandchild }));
        Assert.That(grandchild.Prerequisites, Is.EqualTo(new[] { new TogglePrerequisite(Child), new TogglePrerequisite(Parent) }));
        Assert.That(grandchild.CurrentSettings, Does.EndWith($"; requires {Child} on, {Parent} on"));
        Assert.That(lint.Where(f => f.Rule == "prerequisite-undeclared").Select(f => f.Toggle), Is.EqualTo(new[] { "gone.flag" }));
    }
}
