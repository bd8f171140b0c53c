using FeatureFlags.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Tests.Configuration;

public class ConfigurationOverrideTests
{
    private const string Course = "course-v1:Acme+CS101+2026";
    private const string Prefix = "FeatureToggles:Overrides:";

    [Test]
    public async Task Switch_ForcedByConfiguration_BeatsTheStoredValue_AndSaysWhere()
    {
        var configuration = new TestConfiguration((Prefix + "tests.kill", "true"));
        using var harness = Create(configuration);
        await harness.Admin.SetAsync(TestToggles.Kill, false, Actors.Operator);

        var explanation = harness.Toggles.Explain(TestToggles.Kill);

        Assert.That((explanation.IsEnabled, explanation.Reason), Is.EqualTo((true, ToggleReason.Configuration)));
        Assert.That(explanation.Detail, Is.EqualTo("forced on by configuration (FeatureToggles:Overrides:tests.kill)"));
    }

    [Test]
    public async Task Flag_ForcedOff_BeatsStoredRulesAndSiteOverrides()
    {
        var configuration = new TestConfiguration((Prefix + "tests.beta", "off"));
        using var harness = Create(configuration);
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Everyone = true }, Actors.Operator);
        await harness.Admin.SetSiteOverrideAsync(TestToggles.Beta, "white.example", true, Actors.Operator);

        var explanation = harness.Toggles.Explain(TestToggles.Beta, new ToggleContext { Site = "white.example" });

        Assert.That((explanation.IsEnabled, explanation.Reason), Is.EqualTo((false, ToggleReason.Configuration)));
    }

    [Test]
    public async Task CourseFlag_ListForm_CourseThenOrganisationThenWholeToggle()
    {
        var configuration = new TestConfiguration(
            (Prefix + "tests.outline:Enabled", "false"),
            (Prefix + "tests.outline:Courses:0:Key", Course),
            (Prefix + "tests.outline:Courses:0:Enabled", "true"),
            (Prefix + "tests.outline:Organizations:0:Key", "Beta"),
            (Prefix + "tests.outline:Organizations:0:Enabled", "true"));
        using var harness = Create(configuration);
        await harness.Admin.SetCourseOverrideAsync(TestToggles.Outline, "course-v1:Other+X+1", true, Actors.Operator);

        var course = harness.Toggles.Explain(TestToggles.Outline, Course);
        var org = harness.Toggles.Explain(TestToggles.Outline, "course-v1:Beta+B1+2026");
        var other = harness.Toggles.Explain(TestToggles.Outline, "course-v1:Other+X+1");

        Assert.Multiple(() =>
        {
            Assert.That((course.IsEnabled, course.Reason), Is.EqualTo((true, ToggleReason.Configuration)));
            Assert.That(course.Detail, Is.EqualTo($"forced on for course '{Course}' by configuration (FeatureToggles:Overrides:tests.outline:Courses:0)"));
            Assert.That((org.IsEnabled, org.Reason), Is.EqualTo((true, ToggleReason.Configuration)));
            Assert.That(org.Detail, Does.Contain("organisation 'Beta' of course"));
            Assert.That((other.IsEnabled, other.Reason), Is.EqualTo((false, ToggleReason.Configuration)), "the whole toggle's value beats a stored course override");
        });
    }

    [Test]
    public void OrgFlag_OrganisationEntries_WithoutAWholeToggleValue_LeaveOthersToTheStore()
    {
        var configuration = new TestConfiguration(
            (Prefix + "tests.pilot:Organizations:0:Key", "Acme"),
            (Prefix + "tests.pilot:Organizations:0:Enabled", "true"));
        using var harness = Create(configuration);

        Assert.That(harness.Toggles.Explain(TestToggles.Pilot, "Acme").Reason, Is.EqualTo(ToggleReason.Configuration));
        Assert.That(harness.Toggles.Explain(TestToggles.Pilot, "ACME").Reason, Is.EqualTo(ToggleReason.Configuration), "organisations compare as OrganizationComparer says (ignoring case)");
        Assert.That(harness.Toggles.Explain(TestToggles.Pilot, "Globex").Reason, Is.EqualTo(ToggleReason.Default));
        Assert.That(harness.Toggles.Explain(TestToggles.Pilot).Reason, Is.EqualTo(ToggleReason.Default));
    }

    [Test]
    public async Task Reload_ChangesAndRemovesTheOverride_WithoutAStoreChange()
    {
        var configuration = new TestConfiguration((Prefix + "tests.kill", "true"));
        using var harness = Create(configuration);
        await harness.Admin.SetAsync(TestToggles.Kill, false, Actors.Operator);
        var changed = new List<string>();
        harness.Provider.GetRequiredService<IToggleStateMonitor>().StateChanged += (_, e) => changed.AddRange(e.Keys);
        var before = harness.Toggles.IsEnabled(TestToggles.Kill);

        configuration.Reload((Prefix + "tests.kill", "false"), (Prefix + "tests.beta", "true"));
        var flipped = harness.Toggles.Explain(TestToggles.Kill);
        var added = harness.Toggles.IsEnabled(TestToggles.Beta);

        configuration.Reload();
        var removed = harness.Toggles.Explain(TestToggles.Kill);

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.True);
            Assert.That((flipped.IsEnabled, flipped.Reason), Is.EqualTo((false, ToggleReason.Configuration)));
            Assert.That(added, Is.True);
            Assert.That((removed.IsEnabled, removed.Reason), Is.EqualTo((false, ToggleReason.Switch)), "the stored value answers again");
            Assert.That(changed, Is.SupersetOf(new[] { "tests.kill", "tests.beta" }));
        });
    }

    [Test]
    public void UnknownName_IsIgnoredAndLoggedWithTheNearestDeclaredName()
    {
        var configuration = new TestConfiguration((Prefix + "tests.kil", "true"), (Prefix + "tests.legacy_export", "true"), (Prefix + "tests.beta", "maybe"));
        using var harness = Create(configuration);

        var reason = harness.Toggles.Explain(TestToggles.Kill).Reason;
        var messages = harness.Logs.WithEventId(44).Select(e => e.Message).ToList();

        Assert.That(reason, Is.EqualTo(ToggleReason.Default));
        Assert.That(messages, Has.Count.EqualTo(3));
        Assert.That(messages, Has.Some.Contains("FeatureToggles:Overrides:tests.kil").And.Contains("did you mean tests.kill?"));
        Assert.That(messages, Has.Some.Contains("setting toggle").And.Contains("Set 'FeatureToggles:tests.legacy_export' instead."));
        Assert.That(messages, Has.Some.Contains("'maybe' is not a boolean"));
    }

    [Test]
    public void CourseEntries_OnAPlainFlag_AreIgnoredWithAReason()
    {
        var configuration = new TestConfiguration((Prefix + "tests.beta:Courses:0:Key", Course), (Prefix + "tests.beta:Courses:0:Enabled", "true"));
        using var harness = Create(configuration);

        Assert.That(harness.Toggles.Explain(TestToggles.Beta).Reason, Is.EqualTo(ToggleReason.Default));
        Assert.That(harness.Logs.WithEventId(44).Single().Message, Does.Contain("course overrides apply to course flags only"));
    }

    [Test]
    public void OverrideScope_And_RequestOverride_BeatConfiguration()
    {
        var configuration = new TestConfiguration((Prefix + "tests.kill", "true"));
        using var harness = Create(configuration, requestOverrides: true);
        var request = new ToggleContext { RequestOverrides = new Dictionary<string, bool> { ["tests.kill"] = false } };

        var byRequest = harness.Toggles.Explain(TestToggles.Kill, request);
        using var scope = harness.Toggles.Override(TestToggles.Kill, false);
        var byScope = harness.Toggles.Explain(TestToggles.Kill);

        Assert.That((byRequest.IsEnabled, byRequest.Reason), Is.EqualTo((false, ToggleReason.RequestOverride)));
        Assert.That((byScope.IsEnabled, byScope.Reason), Is.EqualTo((false, ToggleReason.OverrideScope)));
    }

    internal static ToggleHarness Create(TestConfiguration configuration, bool requestOverrides = false, Action<FeatureTogglesOptions>? options = null)
        => ToggleHarness.Create(
            b => b.AddToggles(TestToggles.All),
            options: o =>
            {
                o.EnableRequestOverrides = requestOverrides;
                options?.Invoke(o);
            },
            configuration: configuration.Root);
}
