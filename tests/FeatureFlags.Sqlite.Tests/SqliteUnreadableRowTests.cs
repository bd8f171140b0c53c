using Microsoft.Data.Sqlite;

namespace FeatureFlags.Sqlite.Tests;

/// <summary>
/// SQLite does not enforce column types, so a hand edit can leave text where the schema has an integer. Such a row is
/// skipped and logged once; the rest of the state loads. (The contract suite covers a value both databases can hold.)
/// </summary>
public class SqliteUnreadableRowTests
{
    private SqliteFiles _files = null!;

    [OneTimeSetUp]
    public void CreateFolder() => _files = new SqliteFiles();

    [OneTimeTearDown]
    public void DeleteFolder() => _files.Dispose();

    [Test]
    public async Task TextInAnIntegerColumn_RowSkippedAndLoggedOnce_OthersLoadThroughEveryRead()
    {
        var database = _files.NewConnectionString();
        using (var writer = Create(database))
        {
            await writer.Admin.SetAsync(ContractToggles.Kill, true, ToggleHarness.Operator);
            await writer.Admin.SetAsync(ContractToggles.Billing, true, new ToggleActor("fin", "finance"));
            await writer.Admin.SetAsync(ContractToggles.Rollout, new FlagRules { Everyone = true }, ToggleHarness.Operator);
        }

        await using (var dba = new SqliteConnection(database + ";Pooling=False"))
        {
            await dba.OpenAsync();
            await using var command = dba.CreateCommand();
            command.CommandText = "UPDATE ff_state SET modified_at = 'garbage' WHERE key = 'contract.kill'";
            await command.ExecuteNonQueryAsync();
        }

        using var reader = Create(database);
        var many = await reader.Store.GetManyAsync([ContractToggles.Kill.FullName, ContractToggles.Billing.FullName]);

        Assert.Multiple(() =>
        {
            Assert.That(reader.Toggles.IsEnabled(ContractToggles.Billing), Is.True);
            Assert.That(reader.Toggles.IsEnabled(ContractToggles.Rollout), Is.True);
            Assert.That(reader.Toggles.Explain(ContractToggles.Kill).Reason, Is.EqualTo(ToggleReason.Default));
            Assert.That(many.Select(r => r.Key), Is.EqualTo(new[] { ContractToggles.Billing.FullName }));
            Assert.That(reader.Logs.WithEventId(200), Has.Count.EqualTo(1));
            Assert.That(reader.Logs.WithEventId(200)[0].Message, Does.Contain("'contract.kill'").And.Contain("modified_at is not an integer ('garbage')"));
        });
    }

    private static ToggleHarness Create(string database)
        => ToggleHarness.Create(b => b.AddToggles(ContractToggles.All).UseSqlite(database));
}
