using FeatureFlags.Tests.Support;

namespace FeatureFlags.Tests.Evaluation;

public class OverrideScopeTests
{
    [Test]
    public async Task Override_ForcesValueUntilDisposed_ThenStoredValueReturns()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator);

        bool inside;
        using (harness.Toggles.Override(TestToggles.Kill, false))
        {
            inside = harness.Toggles.IsEnabled(TestToggles.Kill);
        }

        Assert.That(inside, Is.False);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.True);
    }

    [Test]
    public void Override_Nested_InnerWinsThenOuterRestored()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        using var outer = harness.Toggles.Override(TestToggles.Beta, true);
        bool inner;
        using (harness.Toggles.Override(TestToggles.Beta, false))
        {
            inner = harness.Toggles.IsEnabled(TestToggles.Beta);
        }

        Assert.That(inner, Is.False);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta), Is.True);
    }

    [Test]
    public void Override_DisposedOutOfOrder_DoesNotDropTheNewerOverride()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        var outer = harness.Toggles.Override(TestToggles.Kill, true);
        using var inner = harness.Toggles.Override(TestToggles.Beta, true);
        outer.Dispose();

        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta), Is.True);
    }

    [Test]
    public void Override_CourseKey_AppliesToThatCourseOnly()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        using var forced = harness.Toggles.Override(TestToggles.Outline, "course-v1:A+B+C", true);

        Assert.That(harness.Toggles.IsEnabled(TestToggles.Outline, "course-v1:A+B+C"), Is.True);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Outline, "course-v1:A+B+D"), Is.False);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Outline), Is.False);
    }

    [Test]
    public void Override_OrgKey_AppliesToThatOrgOnly()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        using var forced = harness.Toggles.Override(TestToggles.Pilot, "acme", true);

        Assert.That(harness.Toggles.IsEnabled(TestToggles.Pilot, "acme"), Is.True);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Pilot, "globex"), Is.False);
    }

    [Test]
    public async Task Override_FlowsIntoAwaitedAndChildTasks_ButNotBackOut()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        bool inChild;
        using (harness.Toggles.Override(TestToggles.Kill, true))
        {
            await Task.Yield();
            inChild = await Task.Run(() => harness.Toggles.IsEnabled(TestToggles.Kill));
        }

        await SetOverrideInsideAsync(harness.Toggles);

        Assert.That(inChild, Is.True);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.False, "an override left open inside a callee does not leak to the caller");
    }

    [Test]
    public async Task Override_EightConcurrentFlowsWithConflictingValues_EachSeesItsOwn()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        using var barrier = new Barrier(8);

        // Dedicated threads: the barrier blocks, and blocking pool threads would starve unrelated work.
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Factory.StartNew(async () =>
        {
            var mine = i % 2 == 0;
            using var forced = harness.Toggles.Override(TestToggles.Beta, mine);
            barrier.SignalAndWait(TimeSpan.FromSeconds(30));
            var seen = new List<bool>();
            for (var round = 0; round < 50; round++)
            {
                seen.Add(harness.Toggles.IsEnabled(TestToggles.Beta));
                await Task.Yield();
            }

            return (mine, seen);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()));

        foreach (var (mine, seen) in results)
        {
            Assert.That(seen, Is.All.EqualTo(mine));
        }
    }

    private static async Task SetOverrideInsideAsync(IToggles toggles)
    {
        _ = toggles.Override(TestToggles.Kill, true);
        await Task.Yield();
    }
}
