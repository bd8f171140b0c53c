using System.Text.Json;
using FeatureFlags.Storage;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;

namespace FeatureFlags.TestUtilities;

/// <summary>
/// Batches and imports: all or nothing on a real database, with the store's own limits checked before anything is written.
/// </summary>
public abstract partial class ToggleStoreContractTests
{
    [TestCase("oversized")]
    [TestCase("nul")]
    public async Task Import_OneBadKeyAmongAThousand_ChangesNothing_AndDryRunReportsTheSameProblem(string fault)
    {
        var database = await CreateDatabaseAsync();
        using var harness = CreateHarness(database);
        await harness.Admin.SetAsync(ContractToggles.Kill, false, Operator);
        var before = await SnapshotAsync(harness.Store);
        var auditBefore = await harness.Admin.GetHistoryAsync(ContractToggles.Outline.FullName);
        var bad = fault == "oversized"
            ? $"{ContractToggles.Outline.FullName}/course/{new string('x', ToggleKeys.MaxKeyBytes)}"
            : $"{ContractToggles.Outline.FullName}/course/course-v1:A+B\0+C";
        var keys = Enumerable.Range(0, 999)
            .Select(i => ($"{ContractToggles.Outline.FullName}/course/course-v1:Acme+C{i}+2026", StoredValueCodec.EncodeOverride(true)))
            .Append((bad, StoredValueCodec.EncodeOverride(true)))
            .Append((ContractToggles.Kill.FullName, StoredValueCodec.EncodeSwitch(true)))
            .ToList();
        var document = ExportDocument(keys);
        var transfer = harness.Provider.GetRequiredService<IToggleStateTransfer>();

        var dryRun = await transfer.ImportAsync(document, new ToggleImportOptions { Actor = Operator, DryRun = true });
        var real = await transfer.ImportAsync(document, new ToggleImportOptions { Actor = Operator });

        Assert.That(real.Applied, Is.False);
        Assert.That(real.Problems, Is.EqualTo(dryRun.Problems), "a dry run reports exactly what the real run refuses");
        Assert.That(real.Problems.Single().Key, Is.EqualTo(bad));
        Assert.That(real.Problems.Single().Code, Is.EqualTo(ToggleErrorCode.InvalidRequest));
        Assert.That(real.Changes, Has.Count.EqualTo(1001));
        Assert.That(await SnapshotAsync(harness.Store), Is.EqualTo(before));
        Assert.That(await harness.Admin.GetHistoryAsync(ContractToggles.Outline.FullName), Is.EqualTo(auditBefore));
        Assert.That(harness.Toggles.IsEnabled(ContractToggles.Kill), Is.False);
    }

    [Test]
    public async Task Import_AThousandKeys_AppliedInOneTransaction_OneAuditRowEach()
    {
        var database = await CreateDatabaseAsync();
        using var harness = CreateHarness(database);
        var keys = Enumerable.Range(0, 1000)
            .Select(i => ($"{ContractToggles.Outline.FullName}/course/course-v1:Acme+C{i}+2026", StoredValueCodec.EncodeOverride(i % 2 == 0)))
            .ToList();

        var result = await harness.Provider.GetRequiredService<IToggleStateTransfer>()
            .ImportAsync(ExportDocument(keys), new ToggleImportOptions { Actor = Operator, Reason = "copy staging" });

        Assert.That(result.Applied, Is.True, string.Join("; ", result.Problems));
        var store = OpenStore(database);
        await using var _ = store as IAsyncDisposable;
        Assert.That(await store.ListAsync(ToggleKeys.OverridePrefix(ContractToggles.Outline.FullName)), Has.Count.EqualTo(1000));
        var history = await store.GetHistoryAsync(ContractToggles.Outline.FullName);
        Assert.That(history, Has.Count.EqualTo(1000));
        Assert.That(history.Select(h => (h.Actor, h.Reason)).Distinct(), Is.EqualTo(new[] { ("import by operator", (string?)"copy staging") }));
    }

    [Test]
    public async Task Import_TouchingARoleProtectedToggleWithoutTheRole_IsRefusedWhole_EvenForDeletes()
    {
        var database = await CreateDatabaseAsync();
        using var harness = CreateHarness(database);
        await harness.Admin.SetAsync(ContractToggles.Billing, false, new ToggleActor("cfo", "finance"));
        await harness.Admin.SetAsync(ContractToggles.Kill, false, Operator);
        var before = await SnapshotAsync(harness.Store);
        var transfer = harness.Provider.GetRequiredService<IToggleStateTransfer>();

        var turnOn = await transfer.ImportAsync(
            ExportDocument([(ContractToggles.Billing.FullName, StoredValueCodec.EncodeSwitch(true)), (ContractToggles.Kill.FullName, StoredValueCodec.EncodeSwitch(true))]),
            new ToggleImportOptions { Actor = Operator });
        var deleteAll = await transfer.ImportAsync(ExportDocument([]), new ToggleImportOptions { Actor = Operator, DeleteMissing = true });

        Assert.That(turnOn.Applied, Is.False);
        Assert.That(turnOn.Problems.Select(p => (p.Key, p.Code)), Is.EqualTo(new[] { (ContractToggles.Billing.FullName, (ToggleErrorCode?)ToggleErrorCode.AccessDenied) }));
        Assert.That(deleteAll.Applied, Is.False);
        Assert.That(deleteAll.Problems.Select(p => p.Key), Is.EqualTo(new[] { ContractToggles.Billing.FullName }));
        Assert.That(await SnapshotAsync(harness.Store), Is.EqualTo(before));
    }

    [Test]
    public async Task Import_ValuesOfTheWrongKind_AreRefused()
    {
        var database = await CreateDatabaseAsync();
        using var harness = CreateHarness(database);

        var result = await harness.Provider.GetRequiredService<IToggleStateTransfer>().ImportAsync(
            ExportDocument(
            [
                (ContractToggles.Rollout.FullName, StoredValueCodec.EncodeSwitch(true)),
                (ContractToggles.Kill.FullName, StoredValueCodec.EncodeFlag(new FlagRules { Everyone = true })),
                ($"{ContractToggles.Rollout.FullName}/course/course-v1:A+B+C", StoredValueCodec.EncodeOverride(true)),
                ($"{ContractToggles.Kill.FullName}/site/Shop.Example.com", StoredValueCodec.EncodeOverride(true)),
                ($"{ContractToggles.Kill.FullName}/site/bad\u202Eexample.com", StoredValueCodec.EncodeOverride(true)),
            ]),
            new ToggleImportOptions { Actor = Operator });

        Assert.That(result.Applied, Is.False);
        Assert.That(result.Problems.Select(p => p.Message), Has.Some.Contains("is declared as a Flag"));
        Assert.That(result.Problems.Select(p => p.Message), Has.Some.Contains("is declared as a Switch"));
        Assert.That(result.Problems.Select(p => p.Message), Has.Some.Contains("course overrides apply to course flags only"));
        Assert.That(result.Problems.Select(p => p.Message), Has.Some.Contains("contract.kill/site/shop.example.com"), "site keys must be normalised");
        Assert.That(result.Problems.Select(p => p.Message), Has.Some.Contains("U+202E"));
        Assert.That(result.Problems, Has.Count.EqualTo(5));
        Assert.That(await SnapshotAsync(harness.Store), Is.Empty);
    }

    // Every store runs the same checks (ToggleStoreBatch); the in-memory store once accepted a negative version.
    [TestCase("negative version")]
    [TestCase("key twice")]
    [TestCase("no actor")]
    public async Task WriteBatch_AnInvalidBatch_IsRefusedBeforeAnythingIsWritten(string fault)
    {
        var database = await CreateDatabaseAsync();
        var s = OpenStore(database);
        await using var _ = s as IAsyncDisposable;
        var on = StoredValueCodec.EncodeSwitch(true);
        List<ToggleStoreWrite> writes = [new("contract.rollout", StoredValueCodec.EncodeFlag(new FlagRules { Everyone = true }), 0)];
        writes.Add(fault switch
        {
            "negative version" => new ToggleStoreWrite(ContractToggles.Kill.FullName, on, -1),
            "key twice" => new ToggleStoreWrite("contract.rollout", on, 0),
            _ => new ToggleStoreWrite(ContractToggles.Kill.FullName, on, 0),
        });

        Assert.That(
            async () => await s.WriteBatchAsync(writes, new ToggleAuditInfo(fault == "no actor" ? " " : "operator")),
            Throws.InstanceOf<ArgumentException>());
        Assert.That(await s.ListAsync(""), Is.Empty);
        Assert.That(await s.GetHistoryAsync("contract.rollout"), Is.Empty);
    }

    [Test]
    public async Task WriteBatch_AStaleVersionAnywhere_WritesNothing_AndNamesTheKey()
    {
        var database = await CreateDatabaseAsync();
        var s = OpenStore(database);
        await using var _ = s as IAsyncDisposable;
        var kill = await s.SetAsync(ContractToggles.Kill.FullName, StoredValueCodec.EncodeSwitch(false), 0, new ToggleAuditInfo("seed"));

        var conflict = Assert.ThrowsAsync<ToggleConflictException>(async () => await s.WriteBatchAsync(
            [
                new ToggleStoreWrite("contract.rollout", StoredValueCodec.EncodeFlag(new FlagRules { Everyone = true }), 0),
                new ToggleStoreWrite(ContractToggles.Kill.FullName, StoredValueCodec.EncodeSwitch(true), kill.Version + 5),
            ],
            new ToggleAuditInfo("operator")));

        Assert.That(conflict!.Key, Is.EqualTo(ContractToggles.Kill.FullName));
        Assert.That(await s.GetAsync("contract.rollout"), Is.Null);
        Assert.That(await s.GetHistoryAsync("contract.rollout"), Is.Empty);
        Assert.That((await s.GetAsync(ContractToggles.Kill.FullName))!.Version, Is.EqualTo(kill.Version));
    }

    [Test]
    public async Task HistoryPages_AreNewestFirst_Disjoint_AndCoverEveryRow()
    {
        var database = await CreateDatabaseAsync();
        using var harness = CreateHarness(database);
        for (var i = 0; i < 7; i++)
        {
            await harness.Admin.SetAsync(ContractToggles.Kill, i % 2 == 0, Operator, $"change {i}");
        }

        await harness.Admin.SetCourseOverrideAsync(ContractToggles.Outline, "course-v1:A+B+C", true, Operator);
        var pages = new List<ToggleHistoryPage>();
        long? cursor = null;
        do
        {
            var page = await harness.Admin.GetHistoryPageAsync(ContractToggles.Kill.FullName, cursor, limit: 3);
            pages.Add(page);
            cursor = page.NextBeforeVersion;
        }
        while (cursor is not null);

        var all = pages.SelectMany(p => p.Entries).ToList();
        Assert.That(pages.Select(p => p.Entries.Count), Is.EqualTo(new[] { 3, 3, 1 }));
        Assert.That(all.Select(e => e.Reason), Is.EqualTo(Enumerable.Range(0, 7).Reverse().Select(i => $"change {i}")));
        Assert.That(all.Select(e => e.Version), Is.Ordered.Descending);
    }

    private static string ExportDocument(IEnumerable<(string Key, string Value)> keys)
        => JsonSerializer.Serialize(new { format = 1, keys = keys.Select(k => new { key = k.Key, value = k.Value }) });

    private static async Task<Dictionary<string, (string Value, long Version)>> SnapshotAsync(IToggleStore store)
        => (await store.ListAsync(string.Empty)).ToDictionary(r => r.Key, r => (r.Value, r.Version));
}
