using FeatureFlags.Storage;
using FeatureFlags.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Tests.Caching;

/// <summary>
/// A store that answers again is noticed at once, not when the retry backoff runs out. The retry delay here is an hour,
/// so every recovery seen in these tests comes from a wake-up.
/// </summary>
public class StoreRecoveryTests
{
    [Test]
    public async Task ChangeFeedReconnects_WakesTheBackoff_StateAndHealthRecover()
    {
        var store = new HookableToggleStore(new InMemoryToggleStore());
        using var harness = Create(store);
        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator);
        var monitor = harness.Provider.GetRequiredService<IToggleStateMonitor>();

        store.GoDown();
        await store.WaitForCallsAsync(1);
        Assert.That(await HealthPoll.StoreUnavailableAsync(monitor), Is.True, "the failed reload is reported");
        await store.Inner.SetAsync(TestToggles.Kill.FullName, StoredValueCodec.EncodeSwitch(false), (await store.Inner.GetAsync(TestToggles.Kill.FullName))!.Version, new ToggleAuditInfo("dba"));

        var recovered = StateChanges.WhenAsync(monitor, () => monitor.IsStoreAvailable && !harness.Toggles.IsEnabled(TestToggles.Kill));
        store.ComeBackAndAnnounce();
        await recovered.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(harness.Logs.WithEventId(2), Has.Count.EqualTo(1), "recovery logged once");
    }

    [Test]
    public async Task SuccessfulWrite_WakesTheBackoff_OtherChangesMadeMeanwhileAreLoaded()
    {
        var store = new HookableToggleStore(new InMemoryToggleStore());
        using var harness = Create(store);
        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator);
        var monitor = harness.Provider.GetRequiredService<IToggleStateMonitor>();

        store.GoDown();
        await store.WaitForCallsAsync(1);
        Assert.That(await HealthPoll.StoreUnavailableAsync(monitor), Is.True);
        await store.Inner.SetAsync(TestToggles.Beta.FullName, StoredValueCodec.EncodeFlag(new FlagRules { Everyone = true }), 0, new ToggleAuditInfo("dba"));

        // Back, silently: only this process's own write tells the cache.
        store.ComeBack();
        var recovered = StateChanges.WhenAsync(monitor, () => monitor.IsStoreAvailable && harness.Toggles.IsEnabled(TestToggles.Beta));
        await harness.Admin.SetAsync(TestToggles.Kill, false, Actors.Operator);
        await recovered.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.False);
    }

    private static ToggleHarness Create(IToggleStore store)
        => ToggleHarness.Create(
            b => b.AddToggles(TestToggles.All),
            options: o =>
            {
                o.StoreRetryDelay = TimeSpan.FromHours(1);
                o.MaxStoreRetryDelay = TimeSpan.FromHours(1);
            },
            store: store);
}
