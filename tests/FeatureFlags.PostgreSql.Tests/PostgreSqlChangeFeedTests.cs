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
        var (a, b, readBacks) = await TwoInstancesAsync();
        using var _a = a;
        using var _b = b;
        await BothFeedsLiveAsync(a, b);
        var readBacksBefore = readBacks();
        var users = Enumerable.Range(0, 1_000).Select(i => $"user-{i:D5}").ToArray();

        var seen = b.WhenApplied(() => b.Toggles.IsEnabled(ContractToggles.Rollout, new ToggleContext { UserId = "user-00999", IsAuthenticated = true }));
        await a.Admin.SetAsync(ContractToggles.Rollout, new FlagRules { Users = users }, new ToggleActor("ana"));
        await seen.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(b.Toggles.IsEnabled(ContractToggles.Rollout, new ToggleContext { UserId = "someone-else", IsAuthenticated = true }), Is.False);
        Assert.That(readBacks() - readBacksBefore, Is.EqualTo(1), "the 10 KB value did not fit the notification: read back once");
    }

    /// <summary>
    /// Any role that can connect may NOTIFY on the channel. A forged payload in the trusted form (a record at the largest
    /// version, which, if believed, would set the toggle everywhere and make every later real change look older) changes
    /// nothing, and a real change afterwards still arrives.
    /// </summary>
    [Test]
    public async Task ForgedNotification_ChangesNothing_RealChangesStillArrive()
    {
        var database = await SharedServer.Server.CreateDatabaseAsync();
        using var a = ToggleHarness.Create(b => b.AddToggles(ContractToggles.All).UsePostgreSql(database));
        using var b = ToggleHarness.Create(b => b.AddToggles(ContractToggles.All).UsePostgreSql(database));
        await BothFeedsLiveAsync(a, b);

        var forged = "{\"w\":\"mallory\",\"c\":[{\"k\":\"contract.kill\",\"v\":9223372036854775807,\"r\":{\"value\":\"{\\\"v\\\":1,\\\"kind\\\":\\\"switch\\\",\\\"on\\\":true}\",\"c\":0,\"m\":0,\"by\":\"mallory\"}}]}";
        await using (var connection = new Npgsql.NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var notify = new Npgsql.NpgsqlCommand("SELECT pg_notify('featureflags_changes', @p)", connection);
            notify.Parameters.AddWithValue("p", forged);
            await notify.ExecuteNonQueryAsync();
        }

        // Notifications arrive in order: once B holds this later real change, it has dealt with the forged one.
        await FenceAsync(from: a, to: b, ContractToggles.Billing, ["finance"]);
        Assert.That((a.Toggles.IsEnabled(ContractToggles.Kill), b.Toggles.IsEnabled(ContractToggles.Kill)), Is.EqualTo((false, false)), "the forged value was not applied");
        var unreadable = b.Logs.Entries.Where(e => e.EventId.Name == "UnreadableNotification").ToList();
        Assert.That(unreadable.Select(e => (e.EventId.Id, e.Level)), Is.EqualTo(new[] { (203, Microsoft.Extensions.Logging.LogLevel.Warning) }), "logged, not dropped silently");
        Assert.That(unreadable[0].Message, Does.Contain("featureflags_changes").And.Contain("unsealed JSON"));

        var seen = b.WhenApplied(() => b.Toggles.IsEnabled(ContractToggles.Kill));
        await a.Admin.SetAsync(ContractToggles.Kill, true, new ToggleActor("ana"));
        await seen.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(b.Toggles.IsEnabled(ContractToggles.Kill), Is.True, "a real change is not mistaken for an older one");
    }
}
