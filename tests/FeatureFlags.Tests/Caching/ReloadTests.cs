using FeatureFlags.Storage;
using FeatureFlags.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Tests.Caching;

/// <summary>
/// Full loads: a change feed that starts listening at a version the last load already held causes no second load,
/// and a reload whose snapshot is older than changes applied while it was read keeps those changes (writes and deletions).
/// </summary>
public class ReloadTests
{
    [Test]
    public async Task FeedStartsListeningAtTheVersionLoaded_NoSecondLoad()
    {
        var (store, harness, seeded, lists) = await StartAsync();
        using var _ = harness;

        // As a change feed says once it listens: anything up to this version may have been missed.
        store.Announce(ToggleStoreChange.Everything(seeded));

        // The background loop takes work in order: once it has read this key back, the reload request was dealt with.
        var refreshed = store.NextAsync(StoreCall.GetMany);
        store.Announce(ToggleStoreChange.Changed(TestToggles.Kill.FullName));
        await refreshed.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(lists(), Is.EqualTo(1), "the start-up load held that version: nothing was missed");
    }

    [Test]
    public async Task FeedStartsListeningAtANewerVersion_ReloadsOnce()
    {
        var (store, harness, seeded, lists) = await StartAsync();
        using var _ = harness;

        var reloaded = store.NextAsync(StoreCall.List);
        store.Announce(ToggleStoreChange.Everything(seeded + 1));
        await reloaded.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(lists(), Is.EqualTo(2));
    }

    private static async Task<(HookableToggleStore Store, ToggleHarness Harness, long Seeded, Func<int> Lists)> StartAsync()
    {
        var store = new HookableToggleStore(new InMemoryToggleStore());
        var seeded = await store.Inner.SetAsync(TestToggles.Kill.FullName, StoredValueCodec.EncodeSwitch(true), 0, new ToggleAuditInfo("seed"));
        var lists = 0;
        store.After = call => Interlocked.Add(ref lists, call == StoreCall.List ? 1 : 0);
        var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All), store: store);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.True, "the start-up load");
        return (store, harness, seeded.Version, () => Volatile.Read(ref lists));
    }

    [Test]
    public async Task FeedReconnected_ReloadsWhateverWasLoaded()
    {
        var store = new HookableToggleStore(new InMemoryToggleStore());
        await store.Inner.SetAsync(TestToggles.Kill.FullName, StoredValueCodec.EncodeSwitch(true), 0, new ToggleAuditInfo("seed"));
        var lists = 0;
        store.After = call => Interlocked.Add(ref lists, call == StoreCall.List ? 1 : 0);
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All), store: store);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.True);

        var reloaded = store.NextAsync(StoreCall.List);
        store.Announce(ToggleStoreChange.Everything());
        await reloaded.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(Volatile.Read(ref lists), Is.EqualTo(2));
    }

    [Test]
    public async Task ChangesAppliedWhileAReloadReads_AreKept_OverTheOlderSnapshot()
    {
        var store = new HookableToggleStore(new InMemoryToggleStore());
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All), store: store);
        await harness.Admin.SetAsync(TestToggles.Kill, false, Actors.Operator);
        var acme = await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Pilot, "acme", true, Actors.Operator);
        await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Pilot, "globex", true, Actors.Operator);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Pilot, "acme"), Is.True);

        // The next full read takes its snapshot, then waits until the test has changed the store under it.
        using var snapshotTaken = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        store.After = call =>
        {
            if (call == StoreCall.List)
            {
                snapshotTaken.Set();
                release.Wait(TimeSpan.FromSeconds(30));
            }
        };
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Provider.GetRequiredService<IToggleStateMonitor>().StateChanged += (_, e) =>
        {
            if (e.IsFullReload)
            {
                reloaded.TrySetResult();
            }
        };
        store.Announce(ToggleStoreChange.Everything());
        Assert.That(snapshotTaken.Wait(TimeSpan.FromSeconds(30)), Is.True);

        // Written and announced after the snapshot was read: newer than what the reload is about to apply.
        var kill = await store.Inner.GetAsync(TestToggles.Kill.FullName);
        await store.Inner.SetAsync(TestToggles.Kill.FullName, StoredValueCodec.EncodeSwitch(true), kill!.Version, new ToggleAuditInfo("elsewhere"));
        await store.Inner.DeleteAsync(acme!.Key, acme.Version, new ToggleAuditInfo("elsewhere"));
        Assert.That((harness.Toggles.IsEnabled(TestToggles.Kill), harness.Toggles.IsEnabled(TestToggles.Pilot, "acme")), Is.EqualTo((true, false)), "applied from the notifications");
        release.Set();
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.True, "the write made during the read is kept");
        Assert.That(harness.Toggles.Explain(TestToggles.Pilot, "acme").Reason, Is.EqualTo(ToggleReason.Default), "the deletion made during the read is kept");
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Pilot, "globex"), Is.True, "what did not change comes from the snapshot");
    }
}
