using FeatureFlags.Tests.Support;

namespace FeatureFlags.Tests.Evaluation;

public class SwitchTests
{
    [Test]
    public void IsEnabled_NothingStored_ServesCodeDefault()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        Assert.Multiple(() =>
        {
            Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.False);
            Assert.That(harness.Toggles.IsEnabled(TestToggles.DefaultOn), Is.True);
            Assert.That(harness.Toggles.Explain(TestToggles.DefaultOn).Reason, Is.EqualTo(ToggleReason.Default));
        });
    }

    [Test]
    public async Task IsEnabled_AfterSet_FollowsStoredValueBothWays()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator);
        var on = harness.Toggles.IsEnabled(TestToggles.Kill);
        await harness.Admin.SetAsync(TestToggles.DefaultOn, false, Actors.Operator);
        var defaultOnTurnedOff = harness.Toggles.IsEnabled(TestToggles.DefaultOn);
        await harness.Admin.SetAsync(TestToggles.Kill, false, Actors.Operator);

        Assert.Multiple(() =>
        {
            Assert.That(on, Is.True);
            Assert.That(defaultOnTurnedOff, Is.False);
            Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.False);
            Assert.That(harness.Toggles.Explain(TestToggles.Kill).Reason, Is.EqualTo(ToggleReason.Switch));
        });
    }

    [Test]
    public async Task IsEnabled_StateDeleted_FallsBackToCodeDefault()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.DefaultOn, false, Actors.Operator);

        var deleted = await harness.Admin.DeleteAsync(TestToggles.DefaultOn.FullName, Actors.Operator, "removing the toggle");

        Assert.That(deleted, Is.EqualTo(1));
        Assert.That(harness.Toggles.IsEnabled(TestToggles.DefaultOn), Is.True);
    }

    [Test]
    public async Task IsEnabled_UndeclaredToggle_StillEvaluatedFromStore()
    {
        var adHoc = new ToggleNamespace("adhoc").Switch("late", TestToggles.Meta("Not registered.", ToggleUseCases.LaunchDate));
        using var harness = ToggleHarness.Create();
        await harness.Admin.SetSwitchAsync("adhoc.late", true, Actors.Operator);

        Assert.That(harness.Toggles.IsEnabled(adHoc), Is.True);
    }
}
