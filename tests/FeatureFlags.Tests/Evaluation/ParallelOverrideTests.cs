using FeatureFlags.Tests.Support;

namespace FeatureFlags.Tests.Evaluation;

/// <summary>
/// Sixteen NUnit tests that run in parallel (eight at a time, per the assembly's level of parallelism), share one
/// service provider and override the same toggle with conflicting values. A barrier makes eight of them hold their
/// overrides at the same moment; each must see only its own value.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class ParallelOverrideTests
{
    private static readonly ToggleHarness Shared = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
    private static readonly Barrier Rendezvous = new(8);

    [OneTimeTearDown]
    public void TearDown() => Shared.Dispose();

    [Test]
    public async Task Override_ParallelTestsWithConflictingValues_NeverSeeEachOther([Range(0, 15)] int test)
    {
        var mine = test % 2 == 0;
        using var forced = Shared.Toggles.Override(TestToggles.Kill, mine);
        using var forcedCourse = Shared.Toggles.Override(TestToggles.Outline, "course-v1:A+B+C", !mine);

        var met = Rendezvous.SignalAndWait(TimeSpan.FromSeconds(20));
        var seen = new List<(bool Kill, bool Course)>();
        for (var i = 0; i < 100; i++)
        {
            seen.Add((Shared.Toggles.IsEnabled(TestToggles.Kill), Shared.Toggles.IsEnabled(TestToggles.Outline, "course-v1:A+B+C")));
            await Task.Yield();
        }

        Assert.That(met, Is.True, "eight tests did not hold their overrides at the same time");
        Assert.That(seen, Is.All.EqualTo((mine, !mine)));
    }
}
