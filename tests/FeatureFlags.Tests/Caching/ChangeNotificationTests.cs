using FeatureFlags.Storage;
using FeatureFlags.Tests.Support;

namespace FeatureFlags.Tests.Caching;

public class ChangeNotificationTests
{
    [Test]
    public async Task KeyOnlyNotification_ValueIsReadBackInTheBackground()
    {
        var store = new HookableToggleStore(new InMemoryToggleStore())
        {
            // Notifications carry only the key, like a database notification channel.
            Notifications = change => change.Kind is ToggleStoreChangeKind.Written or ToggleStoreChangeKind.Deleted ? ToggleStoreChange.Changed(change.Key!) : change,
        };
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All), store: store);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.False);

        var readBack = store.NextAsync(StoreCall.GetMany);
        var applied = harness.WhenApplied(() => harness.Toggles.IsEnabled(TestToggles.Kill));
        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator);

        await readBack.WaitAsync(TimeSpan.FromSeconds(30));
        await applied.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Test]
    public async Task EverythingNotification_ReloadsAllState()
    {
        var store = new HookableToggleStore(new InMemoryToggleStore());
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All), store: store);
        harness.Toggles.IsEnabled(TestToggles.Kill);

        store.GoDown();
        await store.Inner.SetAsync(TestToggles.Kill.FullName, StoredValueCodec.EncodeSwitch(true), 0, new ToggleAuditInfo("elsewhere"));
        var reloaded = store.NextAsync(StoreCall.List);
        var applied = harness.WhenApplied(() => harness.Toggles.IsEnabled(TestToggles.Kill));
        store.ComeBack();

        await reloaded.WaitAsync(TimeSpan.FromSeconds(30));
        await applied.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Regression: a reload used to keep a key deleted while notifications were lost when that key was the newest write,
    /// because deletions carry no record to compare versions with.
    /// </summary>
    [Test]
    public async Task Reload_AfterLostDeleteOfTheNewestWrite_RemovesTheKey()
    {
        var store = new HookableToggleStore(new InMemoryToggleStore());
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All), store: store);
        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator);
        var pilot = await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Pilot, "acme", true, Actors.Operator);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Pilot, "acme"), Is.True);

        store.GoDown();
        await store.Inner.DeleteAsync(pilot!.Key, pilot.Version, new ToggleAuditInfo("elsewhere"));
        var reloaded = store.NextAsync(StoreCall.List);
        var removed = harness.WhenApplied(() => harness.Toggles.Explain(TestToggles.Pilot, "acme").Reason == ToggleReason.Default);
        store.ComeBack();

        await reloaded.WaitAsync(TimeSpan.FromSeconds(30));
        await removed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.True, "other state is kept");
    }
}
