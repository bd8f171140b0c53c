using FeatureFlags.Storage;

namespace FeatureFlags.Tests.Storage;

public class InMemoryToggleStoreTests
{
    private static readonly ToggleAuditInfo Alice = new("alice", "testing");

    [Test]
    public async Task Set_StaleVersion_ThrowsConflictAndChangesNothing()
    {
        var store = new InMemoryToggleStore();
        var first = await store.SetAsync("a.b", "{}", 0, Alice);
        await store.SetAsync("a.b", "{\"x\":1}", first.Version, Alice);

        var ex = Assert.ThrowsAsync<ToggleConflictException>(async () => await store.SetAsync("a.b", "{\"x\":2}", first.Version, Alice));

        Assert.That(ex!.Key, Is.EqualTo("a.b"));
        Assert.That(ex.ExpectedVersion, Is.EqualTo(first.Version));
        Assert.That((await store.GetAsync("a.b"))!.Value, Is.EqualTo("{\"x\":1}"));
        Assert.That(await store.GetHistoryAsync("a.b"), Has.Count.EqualTo(2));
    }

    // The same batch checks as the SQL stores (ToggleStoreBatch): before, a negative version was taken as a conflict here.
    [Test]
    public async Task WriteBatch_NegativeExpectedVersion_IsRefusedAsAnArgument_AndWritesNothing()
    {
        var store = new InMemoryToggleStore();

        Assert.That(
            async () => await store.WriteBatchAsync([new ToggleStoreWrite("a.b", "{}", 0), new ToggleStoreWrite("a.c", "{}", -1)], Alice),
            Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(await store.ListAsync(""), Is.Empty);
    }

    [Test]
    public async Task ModifiedTimes_EveryKey_OldestAndNewestAuditTime_DeletedKeysIncluded()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        await ToggleStoreContractTests.CheckModifiedTimesOfEveryKeyAsync(new InMemoryToggleStore(clock), clock);
    }

    [Test]
    public async Task ModifiedTimes_OneToggle_OnlyItsKeyAndItsOverrideKeys()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        await ToggleStoreContractTests.CheckModifiedTimesOfOneToggleAsync(new InMemoryToggleStore(clock), clock);
    }

    [Test]
    public void Set_CreateWhenItExists_Conflicts()
    {
        var store = new InMemoryToggleStore();
        Assert.DoesNotThrowAsync(async () => await store.SetAsync("a.b", "{}", 0, Alice));
        Assert.ThrowsAsync<ToggleConflictException>(async () => await store.SetAsync("a.b", "{}", 0, Alice));
    }

    [Test]
    public async Task Versions_GrowAcrossKeysAndNeverRepeatAfterDelete()
    {
        var store = new InMemoryToggleStore();
        var a = await store.SetAsync("a.b", "{}", 0, Alice);
        var c = await store.SetAsync("c.d", "{}", 0, Alice);
        await store.DeleteAsync("a.b", a.Version, Alice);
        var again = await store.SetAsync("a.b", "{}", 0, Alice);

        Assert.That(c.Version, Is.GreaterThan(a.Version));
        Assert.That(again.Version, Is.GreaterThan(c.Version + 1));
    }

    [Test]
    public async Task Audit_RecordsActorBeforeAfterReasonAndAction()
    {
        var store = new InMemoryToggleStore();
        var created = await store.SetAsync("a.b", "1", 0, Alice);
        var updated = await store.SetAsync("a.b", "2", created.Version, new ToggleAuditInfo("bob", "raise"));
        await store.DeleteAsync("a.b", updated.Version, new ToggleAuditInfo("carol"));
        await store.SetAsync("a.b/course/x", "3", 0, Alice);
        await store.SetAsync("a.bc", "4", 0, Alice);

        var history = await store.GetHistoryAsync("a.b");

        Assert.That(history.Select(h => (h.Action, h.Before, h.After, h.Actor, h.Reason)), Is.EqualTo(new[]
        {
            (ToggleAuditAction.Created, (string?)null, (string?)"1", "alice", (string?)"testing"),
            (ToggleAuditAction.Updated, "1", "2", "bob", "raise"),
            (ToggleAuditAction.Deleted, "2", null, "carol", null),
            (ToggleAuditAction.Created, null, "3", "alice", "testing"),
        }));
    }

    [Test]
    public async Task List_ByPrefix_OrdinalAndOrdered()
    {
        var store = new InMemoryToggleStore();
        foreach (var key in new[] { "b.x", "a.b/org/z", "a.b", "a.b/org/a", "a.bc" })
        {
            await store.SetAsync(key, "{}", 0, Alice);
        }

        var listed = await store.ListAsync("a.b/");
        var many = await store.GetManyAsync(["a.b", "missing.key", "b.x"]);

        Assert.That(listed.Select(r => r.Key), Is.EqualTo(new[] { "a.b/org/a", "a.b/org/z" }));
        Assert.That(many.Select(r => r.Key), Is.EquivalentTo(new[] { "a.b", "b.x" }));
    }

    [Test]
    public void Set_WithoutActor_IsRefused()
    {
        var store = new InMemoryToggleStore();
        var ex = Assert.ThrowsAsync<ArgumentException>(async () => await store.SetAsync("a.b", "{}", 0, new ToggleAuditInfo(" ")));
        Assert.That(ex!.Message, Does.Contain("actor"));
    }

    [Test]
    public async Task Subscribe_ReceivesWritesAndDeletesUntilDisposed()
    {
        var store = new InMemoryToggleStore();
        var seen = new List<ToggleStoreChange>();
        var subscription = store.Subscribe(seen.Add);
        var record = await store.SetAsync("a.b", "{}", 0, Alice);
        await store.DeleteAsync("a.b", record.Version, Alice);
        subscription.Dispose();
        await store.SetAsync("a.b", "{}", 0, Alice);

        Assert.That(seen, Has.Count.EqualTo(2));
        Assert.That(seen[0].Record, Is.EqualTo(record));
        Assert.That(seen[1].Kind, Is.EqualTo(ToggleStoreChangeKind.Deleted));
        Assert.That(seen[1].Version, Is.GreaterThan(record.Version));
    }
}
