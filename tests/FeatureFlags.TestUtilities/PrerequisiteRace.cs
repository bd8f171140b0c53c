using FeatureFlags.Storage;
using NUnit.Framework;

namespace FeatureFlags.TestUtilities;

/// <summary>
/// Two writers, each in its own service provider (as two instances of an app), race to make a cycle: one makes
/// <see cref="ContractToggles.Kill"/> require <see cref="ContractToggles.Rollout"/> while the other makes Rollout
/// require Kill. Each round starts from no prerequisites and releases both writers at once.
/// </summary>
public static class PrerequisiteRace
{
    private static readonly ToggleActor Actor = new("race");

    /// <summary>Runs the rounds and returns, for each, what the store holds afterwards and how each writer ended.</summary>
    public static async Task<IReadOnlyList<RaceRound>> RunAsync(IToggleAdmin first, IToggleAdmin second, IToggleStore store, int rounds)
    {
        var results = new List<RaceRound>(rounds);
        for (var round = 0; round < rounds; round++)
        {
            await first.SetPrerequisitesAsync(ContractToggles.Kill.FullName, [], Actor, "reset");
            await first.SetPrerequisitesAsync(ContractToggles.Rollout.FullName, [], Actor, "reset");

            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var a = Task.Run(async () =>
            {
                await gate.Task;
                return await OutcomeAsync(() => first.SetPrerequisitesAsync(ContractToggles.Kill.FullName, [new(ContractToggles.Rollout.FullName)], Actor, "race a"));
            });
            var b = Task.Run(async () =>
            {
                await gate.Task;
                return await OutcomeAsync(() => second.SetPrerequisitesAsync(ContractToggles.Rollout.FullName, [new(ContractToggles.Kill.FullName)], Actor, "race b"));
            });
            gate.SetResult();
            var outcomes = await Task.WhenAll(a, b);

            var kill = await store.GetAsync(ContractToggles.Kill.FullName);
            var rollout = await store.GetAsync(ContractToggles.Rollout.FullName);
            var killRequiresRollout = StoredValueCodec.PrerequisitesOrEmpty(kill?.Value).Any(p => p.Toggle == ContractToggles.Rollout.FullName);
            var rolloutRequiresKill = StoredValueCodec.PrerequisitesOrEmpty(rollout?.Value).Any(p => p.Toggle == ContractToggles.Kill.FullName);
            results.Add(new RaceRound(outcomes[0], outcomes[1], killRequiresRollout && rolloutRequiresKill));
        }

        return results;
    }

    /// <summary>
    /// Asserts what the one write pipeline promises: no round stored a cycle, exactly one writer won each round, and the
    /// other was refused as a cycle (checked again against the winner's change), not left with a conflict.
    /// </summary>
    public static void AssertNeverACycle(IReadOnlyList<RaceRound> rounds)
    {
        Assert.That(rounds.Where(r => r.StoredCycle), Is.Empty, "no round stored a cycle");
        Assert.That(rounds.Select(r => r.Stored), Is.All.EqualTo(1), "in every round exactly one writer won");
        Assert.That(rounds.SelectMany(r => new[] { r.First, r.Second }).Where(o => o != "stored"), Is.All.EqualTo(nameof(ToggleErrorCode.Refused)), "the other was refused as a cycle");
    }

    private static async Task<string> OutcomeAsync(Func<ValueTask<ToggleRecord>> write)
    {
        try
        {
            await write();
            return "stored";
        }
        catch (ToggleException ex)
        {
            return ex.Code.ToString();
        }
    }
}

/// <summary>One round of <see cref="PrerequisiteRace"/>: how each writer ended ("stored" or an error code) and whether the store holds a cycle.</summary>
public sealed record RaceRound(string First, string Second, bool StoredCycle)
{
    /// <summary>Gets how many of the two writes were stored.</summary>
    public int Stored => (First == "stored" ? 1 : 0) + (Second == "stored" ? 1 : 0);
}
