using FeatureFlags.Storage;
using FeatureFlags.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Tests.Releases;

/// <summary>Organisation comparison and rules-only overrides, checked against edx-platform's behaviour.</summary>
public class EdgeCaseTests
{
    private const string DemoCourse = "course-v1:edX+DemoX+2026";

    [Test]
    public async Task Organizations_CompareIgnoringCaseByDefault_OnLookup()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Pilot, "edx", true, Actors.Operator);
        await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Outline, "EDX", true, Actors.Operator);

        Assert.That(harness.Toggles.Explain(TestToggles.Pilot, "edX").Reason, Is.EqualTo(ToggleReason.Organization));
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Pilot, "edX"), Is.True);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Outline, DemoCourse), Is.True, "the course's organisation edX matches EDX");
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Pilot, "edy"), Is.False);
    }

    [Test]
    public async Task Organizations_OnWrite_ReplaceTheStoredSpelling()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Pilot, "edx", true, Actors.Operator);

        var replaced = await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Pilot, "edX", false, Actors.Operator);
        var stored = await harness.Store.ListAsync(ToggleKeys.OverridePrefix(TestToggles.Pilot.FullName));

        Assert.That(stored.Select(r => r.Key), Is.EqualTo(new[] { replaced!.Key }));
        Assert.That(replaced.Key, Is.EqualTo("tests.pilot/org/edx"));
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Pilot, "EdX"), Is.False);

        await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Pilot, "EDX", null, Actors.Operator);
        Assert.That(await harness.Store.ListAsync(ToggleKeys.OverridePrefix(TestToggles.Pilot.FullName)), Is.Empty, "clearing by another spelling clears it");
    }

    [Test]
    public async Task Organizations_InOneBatch_TwoSpellingsOfOneOrganisationAreRefused()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        var result = await harness.Admin.ApplyAsync(
            [
                new ToggleStoreWrite("tests.pilot/org/edx", "{\"v\":1,\"on\":true}", 0),
                new ToggleStoreWrite("tests.pilot/org/EDX", "{\"v\":1,\"on\":false}", 0),
            ],
            Actors.Operator);

        Assert.That(result.Applied, Is.False);
        Assert.That(result.Problems.Single().Message, Does.Contain("Organisation 'EDX' of 'tests.pilot' appears twice").And.Contain("ignoring case"));
    }

    [Test]
    public async Task Organizations_OrdinalComparer_IsCaseSensitiveEverywhere()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All), o => o.OrganizationComparer = StringComparer.Ordinal);
        await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Pilot, "edx", true, Actors.Operator);
        await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Pilot, "edX", false, Actors.Operator);

        Assert.That(harness.Toggles.IsEnabled(TestToggles.Pilot, "edx"), Is.True);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Pilot, "edX"), Is.False);
        Assert.That(await harness.Store.ListAsync(ToggleKeys.OverridePrefix(TestToggles.Pilot.FullName)), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Organizations_ACustomComparer_IsAppliedOnLookup()
    {
        var trimming = StringComparer.Create(System.Globalization.CultureInfo.InvariantCulture, System.Globalization.CompareOptions.IgnoreCase | System.Globalization.CompareOptions.IgnoreNonSpace);
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All), o => o.OrganizationComparer = trimming);
        await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Outline, "École", true, Actors.Operator);

        Assert.That(harness.Toggles.IsEnabled(TestToggles.Outline, "course-v1:ecole+X+1"), Is.True);
    }

    [Test]
    public async Task Organizations_InTheReport_TwoStoredSpellingsCountOnce()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        var audit = new ToggleAuditInfo("legacy", null);
        await harness.Store.SetAsync("tests.pilot/org/edx", "{\"v\":1,\"on\":true}", 0, audit);
        await harness.Store.SetAsync("tests.pilot/org/EDX", "{\"v\":1,\"on\":true}", 0, audit);

        var report = await harness.Provider.GetRequiredService<IToggleReporter>().CreateReportAsync();

        Assert.That(report.Entries.Single(e => e.Name == TestToggles.Pilot.FullName).CurrentSettings, Does.EndWith("overrides: 1 org (1 on, 0 off)"));
    }

    [Test]
    public async Task RulesOnlyOverride_KeepsCourseAndOrgOverrides_LikeOverrideWaffleFlag()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Outline, new FlagRules { Everyone = false }, Actors.Operator);
        await harness.Admin.SetCourseOverrideAsync(TestToggles.Outline, DemoCourse, false, Actors.Operator);
        await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Outline, "Acme", false, Actors.Operator);
        var toggles = harness.Toggles;

        using (toggles.Override(TestToggles.Outline, new FlagRules { Everyone = true }))
        {
            var optedOut = toggles.Explain(TestToggles.Outline, DemoCourse);
            var orgOptedOut = toggles.Explain(TestToggles.Outline, "course-v1:Acme+X+1");
            var other = toggles.Explain(TestToggles.Outline, "course-v1:Other+X+1");

            Assert.That((optedOut.IsEnabled, optedOut.Reason), Is.EqualTo((false, ToggleReason.Course)), "flag on, but this course opted out");
            Assert.That((orgOptedOut.IsEnabled, orgOptedOut.Reason), Is.EqualTo((false, ToggleReason.Organization)));
            Assert.That((other.IsEnabled, other.Reason), Is.EqualTo((true, ToggleReason.Everyone)));
        }

        using (toggles.Override(TestToggles.Outline, true))
        {
            Assert.That(toggles.IsEnabled(TestToggles.Outline, DemoCourse), Is.True, "the forcing override beats everything");
        }

        Assert.That(toggles.IsEnabled(TestToggles.Outline, "course-v1:Other+X+1"), Is.False, "disposed: the stored rules are back");
    }

    [Test]
    public async Task RulesOnlyOverride_InsideAScope_IsNotCachedBeyondTheOverride()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        var toggles = harness.Toggles;

        using var scope = toggles.BeginScope(new ToggleContext { UserId = "u" });
        using (toggles.Override(TestToggles.Beta, new FlagRules { Users = ["u"] }))
        {
            Assert.That(toggles.Explain(TestToggles.Beta).Reason, Is.EqualTo(ToggleReason.User));
        }

        Assert.That(toggles.Explain(TestToggles.Beta).Reason, Is.EqualTo(ToggleReason.Default));
        await Task.CompletedTask;
    }

    [Test]
    public async Task RulesOnlyOverride_OfASwitch_ReplacesItsStoredValue_AndKeepsSiteOverrides()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator);
        await harness.Admin.SetSiteOverrideAsync(TestToggles.Kill, "pilot.example", true, Actors.Operator);

        using (ToggleOverride.SetRules(TestToggles.Kill.FullName, new FlagRules { Everyone = false }))
        {
            var own = harness.Toggles.Explain(TestToggles.Kill);
            var site = harness.Toggles.Explain(TestToggles.Kill, new ToggleContext { Site = "pilot.example" });

            Assert.That((own.IsEnabled, own.Reason), Is.EqualTo((false, ToggleReason.Switch)));
            Assert.That((site.IsEnabled, site.Reason), Is.EqualTo((true, ToggleReason.Site)));
        }
    }

    [Test]
    public void SetOrganizationOverrideAsync_TakesOnlyTogglesThatHaveOrganisationOverrides()
    {
        var subjects = typeof(ToggleAdminExtensions).GetMethods()
            .Where(m => m.Name == nameof(ToggleAdminExtensions.SetOrganizationOverrideAsync))
            .Select(m => m.GetParameters()[1].ParameterType)
            .OrderBy(t => t.Name);

        Assert.That(subjects, Is.EqualTo(new[] { typeof(CourseFlag), typeof(OrgFlag) }));
    }
}
