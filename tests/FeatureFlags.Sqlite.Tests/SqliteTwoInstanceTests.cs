namespace FeatureFlags.Sqlite.Tests;

/// <summary>
/// Two independent service providers on one file, as two processes would be: a change made through one is seen by the
/// other through polling (the default one-second poll interval). The tests assert the changes and their order, each one
/// observed through <see cref="IToggleStateMonitor.StateChanged"/>; speed is measured in the benchmarks, never in tests.
/// </summary>
public class SqliteTwoInstanceTests
{
    private SqliteFiles _files = null!;

    [SetUp]
    public void CreateFolder() => _files = new SqliteFiles();

    [TearDown]
    public void DeleteFolder() => _files.Dispose();

    [Test]
    public async Task ChangeOnOneInstance_SeenByTheOther_EveryTime()
    {
        var database = _files.NewConnectionString();
        using var a = Create(database);
        using var b = Create(database);
        Assert.That(b.Toggles.IsEnabled(ContractToggles.Kill), Is.False);
        Assert.That(a.Toggles.IsEnabled(ContractToggles.Kill), Is.False);

        var held = new List<bool>();
        foreach (var value in new[] { true, false, true })
        {
            var seen = b.WhenApplied(() => b.Toggles.IsEnabled(ContractToggles.Kill) == value);
            await a.Admin.SetAsync(ContractToggles.Kill, value, new ToggleActor("ana"));
            await seen.WaitAsync(TimeSpan.FromSeconds(30));
            held.Add(b.Toggles.IsEnabled(ContractToggles.Kill));
        }

        Assert.That(held, Is.EqualTo(new[] { true, false, true }), "every change arrived, in order");
    }

    [Test]
    public async Task DeleteOnOneInstance_OtherFallsBackToDefault()
    {
        var database = _files.NewConnectionString();
        using var a = Create(database, TimeSpan.FromMilliseconds(100));
        using var b = Create(database, TimeSpan.FromMilliseconds(100));
        await a.Admin.SetOrganizationOverrideAsync(ContractToggles.Pilot, "acme", true, new ToggleActor("ana"));
        await b.WhenApplied(() => b.Toggles.IsEnabled(ContractToggles.Pilot, "acme")).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(b.Toggles.IsEnabled(ContractToggles.Pilot, "acme"), Is.True);

        var cleared = b.WhenApplied(() => b.Toggles.Explain(ContractToggles.Pilot, "acme").Reason == ToggleReason.Default);
        await a.Admin.SetOrganizationOverrideAsync(ContractToggles.Pilot, "acme", null, new ToggleActor("ana"));
        await cleared.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(b.Toggles.Explain(ContractToggles.Pilot, "acme").Reason, Is.EqualTo(ToggleReason.Default));
    }

    [Test]
    public async Task StatePersists_AcrossProviders()
    {
        var database = _files.NewConnectionString();
        using (var first = Create(database))
        {
            await first.Admin.SetAsync(ContractToggles.Rollout, new FlagRules { Everyone = true }, new ToggleActor("ana"));
        }

        SqliteConnectionPools.Clear();
        using var second = Create(database);
        Assert.That(second.Toggles.IsEnabled(ContractToggles.Rollout), Is.True);
        Assert.That(await second.Admin.GetHistoryAsync(ContractToggles.Rollout.FullName), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ConcurrentConflictingPrerequisiteWrites_FiftyRounds_NeverStoreACycle()
    {
        var database = _files.NewConnectionString();
        using var a = Create(database);
        using var b = Create(database);

        PrerequisiteRace.AssertNeverACycle(await PrerequisiteRace.RunAsync(a.Admin, b.Admin, a.Store, rounds: 50));
    }

    private static ToggleHarness Create(string database, TimeSpan? poll = null)
        => ToggleHarness.Create(b => b.AddToggles(ContractToggles.All).UseSqlite(database, o => o.PollInterval = poll ?? TimeSpan.FromSeconds(1)));
}

internal static class SqliteConnectionPools
{
    public static void Clear() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
}
