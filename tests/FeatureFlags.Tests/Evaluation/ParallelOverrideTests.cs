using FeatureFlags.Tests.Support;

namespace FeatureFlags.Tests.Evaluation;

/// <summary>
/// Sixteen NUnit tests that run in parallel (up to eight at a time, per the assembly's level of parallelism), share one
/// service provider and override the same toggles with conflicting values; each must see only its own values.
/// </summary>
/// <remarks>
/// Each test holds its overrides until eight are held at once (or a few seconds pass, so a loaded machine where NUnit
/// schedules fewer at once cannot hang the suite). The guaranteed eight-way overlap, on threads the test controls, is
/// <see cref="OverrideScopeTests.Override_EightConcurrentFlowsWithConflictingValues_EachSeesItsOwn"/>.
/// </remarks>
[Parallelizable(ParallelScope.All)]
public class ParallelOverrideTests
{
    private static readonly ToggleHarness Shared = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
    private static readonly TaskCompletionSource EightHeldAtOnce = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static int s_holding;
    private static int s_mostHeldAtOnce;

    [OneTimeTearDown]
    public void TearDown()
    {
        TestContext.Progress.WriteLine($"ParallelOverrideTests: at most {s_mostHeldAtOnce} tests held conflicting overrides at once.");
        Shared.Dispose();
    }

    [Test]
    public async Task Override_ParallelTestsWithConflictingValues_NeverSeeEachOther([Range(0, 15)] int test)
    {
        var mine = test % 2 == 0;
        using var forced = Shared.Toggles.Override(TestToggles.Kill, mine);
        using var forcedCourse = Shared.Toggles.Override(TestToggles.Outline, "course-v1:A+B+C", !mine);
        var seen = new List<(bool Kill, bool Course)>();
        try
        {
            var holding = Interlocked.Increment(ref s_holding);
            InterlockedMax(ref s_mostHeldAtOnce, holding);
            if (holding >= 8)
            {
                EightHeldAtOnce.TrySetResult();
            }

            await Task.WhenAny(EightHeldAtOnce.Task, Task.Delay(TimeSpan.FromSeconds(5)));
            for (var i = 0; i < 100; i++)
            {
                seen.Add((Shared.Toggles.IsEnabled(TestToggles.Kill), Shared.Toggles.IsEnabled(TestToggles.Outline, "course-v1:A+B+C")));
                await Task.Yield();
            }
        }
        finally
        {
            Interlocked.Decrement(ref s_holding);
        }

        Assert.That(seen, Is.All.EqualTo((mine, !mine)));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var previous = Interlocked.CompareExchange(ref target, value, current);
            if (previous == current)
            {
                return;
            }

            current = previous;
        }
    }
}
