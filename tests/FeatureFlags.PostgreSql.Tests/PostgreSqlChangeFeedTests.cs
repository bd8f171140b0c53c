using FeatureFlags.Storage;

namespace FeatureFlags.PostgreSql.Tests;

/// <summary>
/// The change feed between two PostgreSQL store instances on one database (LISTEN/NOTIFY), and the one case where a
/// listener reads back: a value too large for a notification.
/// </summary>
public class PostgreSqlChangeFeedTests : ChangeFeedTests
{
    protected override async Task<Func<IToggleStore>> CreateDatabaseAsync()
    {
        var database = await SharedServer.Server.CreateDatabaseAsync();
        return () => new PostgreSqlToggleStore(new PostgreSqlToggleStoreOptions { ConnectionString = database });
    }

    [Test]
    public async Task ValueTooLargeForANotification_TheOtherInstanceReadsThatKeyBack()
    {
        var open = await CreateDatabaseAsync();
        var readsOfB = new HookableToggleStore(open());
        var readBacks = 0;
        readsOfB.After = call => Interlocked.Add(ref readBacks, call == StoreCall.GetMany ? 1 : 0);
        using var a = ToggleHarness.Create(b => b.AddToggles(ContractToggles.All), store: open());
        using var b = ToggleHarness.Create(b => b.AddToggles(ContractToggles.All), store: readsOfB);
        await BothFeedsLiveAsync(a, b);
        var readBacksBefore = Volatile.Read(ref readBacks);
        var users = Enumerable.Range(0, 1_000).Select(i => $"user-{i:D5}").ToArray();

        var seen = b.WhenApplied(() => b.Toggles.IsEnabled(ContractToggles.Rollout, new ToggleContext { UserId = "user-00999", IsAuthenticated = true }));
        await a.Admin.SetAsync(ContractToggles.Rollout, new FlagRules { Users = users }, new ToggleActor("ana"));
        await seen.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(b.Toggles.IsEnabled(ContractToggles.Rollout, new ToggleContext { UserId = "someone-else", IsAuthenticated = true }), Is.False);
        Assert.That(Volatile.Read(ref readBacks) - readBacksBefore, Is.EqualTo(1), "the 10 KB value did not fit the notification: read back once");
    }
}
