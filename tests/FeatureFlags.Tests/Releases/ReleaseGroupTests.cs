using FeatureFlags.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Tests.Releases;

public class ReleaseGroupTests
{
    private const string Course = "course-v1:Acme+CS101+2026";

    [Test]
    public async Task Group_OnOffAndUnset_AnswersForMembersWithDifferingOwnRules()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        await harness.Admin.SetAsync(ReleaseToggles.Checkout, true, Actors.Operator);
        await harness.Admin.SetAsync(ReleaseToggles.Search, new FlagRules { Everyone = false }, Actors.Operator);
        await harness.Admin.SetAsync(ReleaseToggles.Outsider, true, Actors.Operator);
        var toggles = harness.Toggles;

        // Unset: each member follows its own rules (switch on, flag off, course flag on its default: off).
        Assert.That(Answers(toggles), Is.EqualTo((true, false, false, true)));
        Assert.That(toggles.Explain(ReleaseToggles.Checkout).Reason, Is.EqualTo(ToggleReason.Switch));

        await harness.Admin.SetAsync(ReleaseToggles.R1, true, Actors.Operator);
        Assert.That(Answers(toggles), Is.EqualTo((true, true, true, true)));
        var on = toggles.Explain(ReleaseToggles.Search);
        Assert.That(on.Reason, Is.EqualTo(ToggleReason.ReleaseGroup));
        Assert.That(on.Detail, Is.EqualTo("on by group releases.release_1_0"));

        await harness.Admin.SetAsync(ReleaseToggles.R1, false, Actors.Operator);
        Assert.That(Answers(toggles), Is.EqualTo((false, false, false, true)), "the outsider keeps its own state");
        Assert.That(toggles.Explain(ReleaseToggles.Checkout).Detail, Is.EqualTo("off by group releases.release_1_0"));

        await harness.Admin.SetAsync(ReleaseToggles.R1, null, Actors.Operator);
        Assert.That(Answers(toggles), Is.EqualTo((true, false, false, true)));
        Assert.That(await harness.Store.GetAsync(ReleaseToggles.R1.FullName), Is.Null, "unset deletes the group's state");
    }

    [Test]
    public async Task Group_ItselfAnswersItsStoredState()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        Assert.That(harness.Toggles.Explain(ReleaseToggles.R1).Reason, Is.EqualTo(ToggleReason.Default));

        await harness.Admin.SetAsync(ReleaseToggles.R1, true, Actors.Operator);

        var explanation = harness.Toggles.Explain(ReleaseToggles.R1);
        Assert.That((explanation.IsEnabled, explanation.Reason, explanation.Detail), Is.EqualTo((true, ToggleReason.ReleaseGroup, "release group switched on")));
    }

    [Test]
    public async Task CourseAndSiteOverrides_BeatTheGroup()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        await harness.Admin.SetAsync(ReleaseToggles.R1, false, Actors.Operator);
        await harness.Admin.SetCourseOverrideAsync(ReleaseToggles.Outline, Course, true, Actors.Operator);
        await harness.Admin.SetSiteOverrideAsync(ReleaseToggles.Checkout, "pilot.example", true, Actors.Operator);

        var course = harness.Toggles.Explain(ReleaseToggles.Outline, Course);
        var otherCourse = harness.Toggles.Explain(ReleaseToggles.Outline, "course-v1:Other+X+1");
        var site = harness.Toggles.Explain(ReleaseToggles.Checkout, new ToggleContext { Site = "pilot.example" });

        Assert.That((course.IsEnabled, course.Reason), Is.EqualTo((true, ToggleReason.Course)));
        Assert.That((otherCourse.IsEnabled, otherCourse.Reason), Is.EqualTo((false, ToggleReason.ReleaseGroup)));
        Assert.That((site.IsEnabled, site.Reason), Is.EqualTo((true, ToggleReason.Site)));
    }

    [Test]
    public void MemberNamingAnUndeclaredGroup_FailsStartUp_WithASuggestion()
    {
        var ns = new ToggleNamespace("startup");
        var group = ns.Group("release_2", ReleaseToggles.Meta("Release 2."));
        var member = ns.Switch("member", ReleaseToggles.Meta("Names a misspelled group.", group: "release_3"));
        using var harness = ToggleHarness.Create(b => b.AddToggles(group, member));

        var ex = Assert.Throws<InvalidOperationException>(() => harness.Provider.GetRequiredService<IToggleRegistry>());

        Assert.That(ex!.Message, Does.Contain("'startup.member'").And.Contain("names group 'startup.release_3', which is not registered").And.Contain("did you mean 'startup.release_2'"));
    }

    [Test]
    public void MemberNamingAToggleThatIsNotAGroup_FailsStartUp()
    {
        var ns = new ToggleNamespace("startup_kind");
        var notGroup = ns.Switch("release", ReleaseToggles.Meta("A switch, not a group."));
        var member = ns.Switch("member", ReleaseToggles.Meta("Names a switch as its group.", group: "release"));
        using var harness = ToggleHarness.Create(b => b.AddToggles(notGroup, member));

        var ex = Assert.Throws<InvalidOperationException>(() => harness.Provider.GetRequiredService<IToggles>());

        Assert.That(ex!.Message, Does.Contain("names group 'startup_kind.release', which is a Switch, not a group"));
    }

    [Test]
    public void GroupNamingAGroup_IsRefusedAtDeclaration()
    {
        var ns = new ToggleNamespace("nesting");

        var ex = Assert.Throws<ArgumentException>(() => ns.Group("inner", ReleaseToggles.Meta("Nested.", group: "outer")));

        Assert.That(ex!.Message, Does.Contain("groups do not nest"));
    }

    [Test]
    public async Task SetGroup_IsVersionedAudited_AndChecksKindRolesAndVersion()
    {
        var ns = new ToggleNamespace("guarded_groups");
        var guarded = ns.Group("release", new ToggleMetadata
        {
            Description = "Only release managers flip it.",
            UseCases = ToggleUseCases.IncrementalRelease,
            CreatedOn = TestToggles.Created,
            EditorRoles = ["release-managers"],
        });
        using var harness = ToggleHarness.Create(b => b.AddToggles([.. ReleaseToggles.All, guarded]));
        var admin = harness.Admin;

        var first = await admin.SetGroupAsync(ReleaseToggles.R1.FullName, true, Actors.Operator, "release day", expectedVersion: 0);
        var second = await admin.SetGroupAsync(ReleaseToggles.R1.FullName, false, Actors.Operator, "rollback", expectedVersion: first!.Version);
        var history = await admin.GetHistoryAsync(ReleaseToggles.R1.FullName);

        Assert.That(second!.Version, Is.GreaterThan(first.Version));
        Assert.That(history.Select(h => (h.Actor, h.Reason)), Is.EqualTo(new[] { ("operator", "release day"), ("operator", "rollback") }));
        Assert.ThrowsAsync<ToggleConflictException>(async () => await admin.SetGroupAsync(ReleaseToggles.R1.FullName, true, Actors.Operator, expectedVersion: first.Version));
        Assert.ThrowsAsync<ToggleAccessDeniedException>(async () => await admin.SetGroupAsync(guarded.FullName, true, Actors.Operator));
        Assert.That(await admin.SetGroupAsync(guarded.FullName, true, Actors.ReleaseManager), Is.Not.Null);

        var notGroup = Assert.ThrowsAsync<ArgumentException>(async () => await admin.SetGroupAsync(ReleaseToggles.Checkout.FullName, true, Actors.Operator));
        Assert.That(notGroup!.Message, Does.Contain("it is not a release group"));
        var notSwitch = Assert.ThrowsAsync<ArgumentException>(async () => await admin.SetSwitchAsync(ReleaseToggles.R1.FullName, true, Actors.Operator));
        Assert.That(notSwitch!.Message, Does.Contain("it is not a switch"));
    }

    [Test]
    public async Task Import_RefusesASwitchValueForAGroup()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));

        var result = await harness.Admin.ApplyAsync([new ToggleStoreWrite(ReleaseToggles.R1.FullName, "{\"v\":1,\"kind\":\"switch\",\"on\":true}", 0)], Actors.Operator);

        Assert.That(result.Applied, Is.False);
        Assert.That(result.Problems.Single().Message, Does.Contain("declared as a Group"));
    }

    [Test]
    public async Task Report_ShowsEachGroupWithItsMembers_AndEachMembersGroup()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        await harness.Admin.SetAsync(ReleaseToggles.R1, true, Actors.Operator);

        var report = await harness.Provider.GetRequiredService<IToggleReporter>().CreateReportAsync();
        var group = report.Entries.Single(e => e.Name == ReleaseToggles.R1.FullName);
        var member = report.Entries.Single(e => e.Name == ReleaseToggles.Checkout.FullName);

        Assert.That(group.Members, Is.EqualTo(new[] { ReleaseToggles.Checkout.FullName, ReleaseToggles.Outline.FullName, ReleaseToggles.Search.FullName }));
        Assert.That(group.Implementation, Is.EqualTo("Group"));
        Assert.That(group.CurrentSettings, Is.EqualTo("group: on for every member"));
        Assert.That(member.Group, Is.EqualTo(ReleaseToggles.R1.FullName));
        Assert.That(report.Entries.Single(e => e.Name == ReleaseToggles.Outsider.FullName).Group, Is.Null);
    }

    [Test]
    public async Task ReportStatus_FollowsTheGroup_PrerequisitesAndSchedules()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        await harness.Admin.SetAsync(ReleaseToggles.Checkout, false, Actors.Operator);
        await harness.Admin.SetAsync(ReleaseToggles.R1, true, Actors.Operator);
        await harness.Admin.SetAsync(ReleaseToggles.Parent, true, Actors.Operator);
        await harness.Admin.SetAsync(ReleaseToggles.Child, new FlagRules { Everyone = true }, Actors.Operator);
        await harness.Admin.RequireAsync(ReleaseToggles.Child, Actors.Operator, ReleaseToggles.Parent);
        await harness.Admin.SetAsync(ReleaseToggles.Outsider, true, Actors.Operator, schedule: new ToggleSchedule(activeFrom: DateTimeOffset.UtcNow.AddDays(1)));

        var report = await harness.Provider.GetRequiredService<IToggleReporter>().CreateReportAsync();
        ToggleReportEntry Entry(Toggle t) => report.Entries.Single(e => e.Name == t.FullName);

        Assert.That(Entry(ReleaseToggles.Checkout).Status, Is.EqualTo(ToggleStatus.On), "switched off, but its group is on");
        Assert.That(Entry(ReleaseToggles.Checkout).CurrentSettings, Does.Contain("group releases.release_1_0 on"));
        Assert.That(Entry(ReleaseToggles.Child).Status, Is.EqualTo(ToggleStatus.Both), "on for everyone, but only while its prerequisite is");
        Assert.That(Entry(ReleaseToggles.Outsider).Status, Is.EqualTo(ToggleStatus.Off), "its stored state applies from tomorrow");
    }

    [Test]
    public async Task Lint_WarnsAboutAGroupWhoseMembersHaveAllPassedTheirRemovalDate()
    {
        var ns = new ToggleNamespace("lint_groups");
        var past = new DateOnly(2026, 2, 1);
        var stale = ns.Group("stale", ReleaseToggles.Meta("All members expired."));
        var a = ns.Switch("a", ReleaseToggles.Meta("A.", group: "stale", removal: past));
        var b = ns.Switch("b", ReleaseToggles.Meta("B.", group: "stale", removal: past));
        var live = ns.Group("live", ReleaseToggles.Meta("One member still in date."));
        var c = ns.Switch("c", ReleaseToggles.Meta("C.", group: "live", removal: past));
        var d = ns.Switch("d", ReleaseToggles.Meta("D.", group: "live", removal: new DateOnly(2099, 1, 1)));
        using var harness = ToggleHarness.Create(builder => builder.AddToggles(stale, a, b, live, c, d));

        var findings = await harness.Provider.GetRequiredService<IToggleReporter>().LintAsync();
        var groupFindings = findings.Where(f => f.Rule == "group-members-expired").ToList();

        Assert.That(groupFindings.Select(f => f.Toggle), Is.EqualTo(new[] { stale.FullName }));
        Assert.That(groupFindings[0].Message, Does.Contain("lint_groups.a, lint_groups.b"));
    }

    private static (bool Checkout, bool Search, bool Outline, bool Outsider) Answers(IToggles toggles)
        => (toggles.IsEnabled(ReleaseToggles.Checkout), toggles.IsEnabled(ReleaseToggles.Search), toggles.IsEnabled(ReleaseToggles.Outline, Course), toggles.IsEnabled(ReleaseToggles.Outsider));
}
