using FeatureFlags.Testing;
using FeatureFlags.Tests.Lifecycle;
using FeatureFlags.Tests.Support;

namespace FeatureFlags.Tests.Testing;

/// <summary>
/// The FeatureFlags.Testing package, used the way a consuming project would use it.
/// </summary>
[OverrideToggle("tests.default_on", false)]
public class TestingPackageTests
{
    [Test]
    [OverrideToggle("tests.kill", true)]
    public void OverrideToggleAttribute_OnMethodAndFixture_ApplyToTheTest()
    {
        using var fixture = new TogglesFixture(TestToggles.All);

        Assert.That(fixture.Toggles.Explain(TestToggles.Kill).Reason, Is.EqualTo(ToggleReason.OverrideScope));
        Assert.That(fixture.Toggles.IsEnabled(TestToggles.Kill), Is.True);
        Assert.That(fixture.Toggles.IsEnabled(TestToggles.DefaultOn), Is.False, "fixture-level override of a default-on switch");
    }

    [Test]
    [OverrideToggle("tests.outline", true, Subject = "course-v1:A+B+C")]
    public async Task OverrideToggleAttribute_WithSubject_FlowsIntoAsyncCode()
    {
        using var fixture = new TogglesFixture(TestToggles.All);
        await Task.Yield();

        Assert.That(await Task.Run(() => fixture.Toggles.IsEnabled(TestToggles.Outline, "course-v1:A+B+C")), Is.True);
        Assert.That(fixture.Toggles.IsEnabled(TestToggles.Outline, "course-v1:A+B+D"), Is.False);
    }

    [Test]
    [OverrideToggle("tests.outline", true, RulesOnly = true)]
    public async Task OverrideToggleAttribute_RulesOnly_KeepsStoredCourseOverrides()
    {
        using var fixture = new TogglesFixture(TestToggles.All);
        await fixture.Admin.SetCourseOverrideAsync(TestToggles.Outline, "course-v1:A+B+C", false, ToggleHarness.Operator);

        var optedOut = fixture.Toggles.Explain(TestToggles.Outline, "course-v1:A+B+C");
        var other = fixture.Toggles.Explain(TestToggles.Outline, "course-v1:A+B+D");

        Assert.That((optedOut.IsEnabled, optedOut.Reason), Is.EqualTo((false, ToggleReason.Course)));
        Assert.That((other.IsEnabled, other.Reason), Is.EqualTo((true, ToggleReason.Everyone)));
    }

    [Test]
    public void OverrideToggleAttribute_RulesOnlyWithSubject_IsRefused()
    {
        var attribute = new OverrideToggleAttribute("tests.outline", true) { RulesOnly = true, Subject = "course-v1:A+B+C" };
        var test = new Moq.Mock<NUnit.Framework.Interfaces.ITest>();
        test.SetupGet(t => t.Id).Returns("t1");

        var ex = Assert.Throws<InvalidOperationException>(() => attribute.BeforeTest(test.Object));

        Assert.That(ex!.Message, Does.Contain("sets both RulesOnly and Subject"));
    }

    [Test]
    public void WithoutAttribute_NoOverrideOfThatToggleLeaksFromOtherTests()
    {
        using var fixture = new TogglesFixture(TestToggles.All);

        Assert.That(fixture.Toggles.Explain(TestToggles.Kill).Reason, Is.EqualTo(ToggleReason.Default));
    }

    /// <summary>Runs once with the flag on and once off (OEP-17: test both states).</summary>
    [TestCaseSource(typeof(ToggleTestCases), nameof(ToggleTestCases.BothStates), new object[] { "tests.beta" })]
    public async Task Checkout_InBothToggleStates_ShowsTheMatchingPath(ToggleStates states)
    {
        using var fixture = new TogglesFixture(TestToggles.All);
        await fixture.SetAsync(TestToggles.Beta, new FlagRules { Everyone = !states["tests.beta"] });
        using var applied = states.Apply();

        var page = fixture.Toggles.IsEnabled(TestToggles.Beta) ? "new dashboard" : "old dashboard";

        Assert.That(page, Is.EqualTo(states["tests.beta"] ? "new dashboard" : "old dashboard"));
    }

    [Test]
    public void BothStates_AndAllCombinations_ProduceEveryCase()
    {
        var both = ToggleTestCases.BothStates("tests.beta").Select(c => c.Arguments[0]!.ToString()).ToList();
        var combinations = ToggleTestCases.AllCombinations("tests.beta", "tests.kill").Select(c => c.Arguments[0]!.ToString()).ToList();

        Assert.That(both, Is.EqualTo(new[] { "tests.beta=on", "tests.beta=off" }));
        Assert.That(combinations, Is.EquivalentTo(new[]
        {
            "tests.beta=on,tests.kill=on", "tests.beta=off,tests.kill=on", "tests.beta=on,tests.kill=off", "tests.beta=off,tests.kill=off",
        }));
        Assert.Throws<ArgumentException>(() => ToggleTestCases.BothStates("Not Valid").ToList());
    }

    [Test]
    public void ToggleAssert_OnThisAssembly_CatchesExpiredUndocumentedAndDuplicates()
    {
        var assembly = typeof(LifecycleToggles).Assembly;

        var expired = Assert.Throws<AssertionException>(() => ToggleAssert.NoExpiredToggles(new DateOnly(2026, 11, 22), assembly));
        var undocumented = Assert.Throws<AssertionException>(() => ToggleAssert.AllDocumented(assembly));

        Assert.That(expired!.Message, Does.Contain("lifecycle.expired").And.Contain("2026-10-31").And.Not.Contain("lifecycle.stale_rollout"));
        Assert.That(undocumented!.Message, Does.Contain("lifecycle.fresh_beta").And.Contain("no target removal date"));
        Assert.DoesNotThrow(() => ToggleAssert.NoExpiredToggles(new DateOnly(2026, 10, 1), assembly));
        Assert.DoesNotThrow(() => ToggleAssert.NoDuplicateNames(assembly));
        Assert.Throws<ArgumentException>(() => ToggleAssert.NoDuplicateNames());
    }

    [Test]
    public void OverrideToggleAttribute_InvalidName_Throws()
    {
        Assert.Throws<ArgumentException>(() => _ = new OverrideToggleAttribute("Bad Name", true));
    }
}
