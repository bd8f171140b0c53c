using FeatureFlags.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Tests.Evaluation;

public class CourseFlagTests
{
    private const string Course = "course-v1:Acme+CS101+2026";
    private static readonly ToggleContext Learner = new() { UserId = "learner" };

    [Test]
    public async Task IsEnabled_CourseOverrideOff_BeatsOrgOverrideOn()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Outline, "Acme", true, Actors.Operator);
        await harness.Admin.SetCourseOverrideAsync(TestToggles.Outline, Course, false, Actors.Operator);

        var explanation = harness.Toggles.Explain(TestToggles.Outline, Course, Learner);

        Assert.That(explanation.IsEnabled, Is.False);
        Assert.That(explanation.Reason, Is.EqualTo(ToggleReason.Course));
    }

    [Test]
    public async Task IsEnabled_OrgOverride_AppliesToEveryCourseOfTheOrg()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Outline, new FlagRules { Everyone = false }, Actors.Operator);
        await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Outline, "Acme", true, Actors.Operator);

        Assert.Multiple(() =>
        {
            Assert.That(harness.Toggles.IsEnabled(TestToggles.Outline, "course-v1:Acme+CS101+2026"), Is.True);
            Assert.That(harness.Toggles.IsEnabled(TestToggles.Outline, "course-v1:Acme+MATH+2025"), Is.True);
            Assert.That(harness.Toggles.IsEnabled(TestToggles.Outline, "Acme/OLD/2014"), Is.True, "old slash-separated keys");
            Assert.That(harness.Toggles.IsEnabled(TestToggles.Outline, "course-v1:Other+CS101+2026"), Is.False);
            Assert.That(harness.Toggles.Explain(TestToggles.Outline, Course).Detail, Does.Contain("'Acme'"));
        });
    }

    [Test]
    public async Task IsEnabled_NoOverrideForCourse_FallsBackToFlagRules()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Outline, new FlagRules { Users = ["learner"] }, Actors.Operator);
        await harness.Admin.SetCourseOverrideAsync(TestToggles.Outline, "course-v1:Acme+OTHER+1", false, Actors.Operator);

        using var scope = harness.Toggles.BeginScope(Learner);

        Assert.That(harness.Toggles.IsEnabled(TestToggles.Outline, Course), Is.True);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Outline, "not a course key"), Is.True);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Outline, "course-v1:Acme+OTHER+1"), Is.False);
    }

    [Test]
    public async Task IsEnabled_ClearedCourseOverride_NoLongerApplies()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetCourseOverrideAsync(TestToggles.Outline, Course, true, Actors.Operator);

        var cleared = await harness.Admin.SetCourseOverrideAsync(TestToggles.Outline, Course, null, Actors.Operator);

        Assert.That(cleared, Is.Null);
        Assert.That(harness.Toggles.Explain(TestToggles.Outline, Course).Reason, Is.EqualTo(ToggleReason.Default));
    }

    [Test]
    public async Task IsEnabled_CustomCourseKeyParser_IsUsedForTheOrg()
    {
        using var harness = ToggleHarness.Create(b =>
        {
            b.AddToggles(TestToggles.All);
            b.Services.AddSingleton<ICourseKeyParser, DashKeyParser>();
        });
        await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Outline, "acme", true, Actors.Operator);

        Assert.That(harness.Toggles.IsEnabled(TestToggles.Outline, "acme-cs101"), Is.True);
    }

    [Test]
    public async Task IsEnabled_ParserThrows_ServesDefaultAndLogsOnce()
    {
        using var harness = ToggleHarness.Create(b =>
        {
            b.AddToggles(TestToggles.All);
            b.Services.AddSingleton<ICourseKeyParser, ThrowingParser>();
        });
        await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Outline, "acme", true, Actors.Operator);

        var first = harness.Toggles.IsEnabled(TestToggles.Outline, "acme-1");
        var second = harness.Toggles.IsEnabled(TestToggles.Outline, "acme-2");

        Assert.That(first, Is.False);
        Assert.That(second, Is.False);
        Assert.That(harness.Logs.WithEventId(5), Has.Count.EqualTo(1));
    }

    [Test]
    public void Admin_CourseOverrideOnAPlainFlag_IsRefused()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        var ex = Assert.ThrowsAsync<ArgumentException>(async () =>
            await harness.Admin.SetOverrideAsync(TestToggles.Beta.FullName, OverrideLevel.Course, Course, true, Actors.Operator));

        Assert.That(ex!.Message, Does.Contain("course flags only"));
    }

    private sealed class DashKeyParser : ICourseKeyParser
    {
        public ReadOnlySpan<char> GetOrganization(ReadOnlySpan<char> courseKey)
        {
            var dash = courseKey.IndexOf('-');
            return dash > 0 ? courseKey[..dash] : [];
        }
    }

    private sealed class ThrowingParser : ICourseKeyParser
    {
        public ReadOnlySpan<char> GetOrganization(ReadOnlySpan<char> courseKey) => throw new FormatException("bad key");
    }
}
