using FeatureFlags.Storage;
using NUnit.Framework;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.TestUtilities;

/// <summary>
/// What a store's change feed delivers between two instances on one database: a writer applies its own change once
/// (its feed skips the notification of its own write), and the other instance applies the change from the
/// notification itself, without reading the key back. Each store's test project derives from this class.
/// </summary>
public abstract class ChangeFeedTests
{
    private static readonly ToggleActor Ana = new("ana");

    /// <summary>
    /// Creates a new database and returns a function that opens a new store instance on it (as a new process would).
    /// </summary>
    protected abstract Task<Func<IToggleStore>> CreateDatabaseAsync();

    [Test]
    public async Task Writer_AppliesItsOwnChangeOnce_TheOtherInstanceAppliesItWithoutReadingBack()
    {
        var (a, b, readBacks) = await TwoInstancesAsync();
        using var _a = a;
        using var _b = b;
        await BothFeedsLiveAsync(a, b);
        var changesOfA = new ChangeCounter(a, ContractToggles.Kill.FullName);
        var changesOfB = new ChangeCounter(b, ContractToggles.Kill.FullName);
        var readBacksBefore = readBacks();

        var seen = b.WhenApplied(() => b.Toggles.IsEnabled(ContractToggles.Kill));
        await a.Admin.SetAsync(ContractToggles.Kill, true, Ana);
        await seen.WaitAsync(TimeSpan.FromSeconds(30));

        // A change B writes after A's reaches A after A's own notification (feeds deliver in commit order), so once A
        // holds it, A's feed has dealt with its own write.
        await FenceAsync(from: b, to: a, ContractToggles.Billing, ["finance"]);
        Assert.That(a.Toggles.IsEnabled(ContractToggles.Kill), Is.True);
        Assert.That(changesOfA.Count, Is.EqualTo(1), "the writer applied its own change once: one StateChanged");
        Assert.That(changesOfB.Count, Is.LessThanOrEqualTo(1), "the other instance applied it at most once (a reload may have carried it)");
        Assert.That(readBacks() - readBacksBefore, Is.Zero, "the notification carried the value: nothing was read back");
    }

    [Test]
    public async Task Deletion_ReachesTheOtherInstance_WithoutReadingBack()
    {
        var (a, b, readBacks) = await TwoInstancesAsync();
        using var _a = a;
        using var _b = b;
        await BothFeedsLiveAsync(a, b);
        var set = b.WhenApplied(() => b.Toggles.IsEnabled(ContractToggles.Pilot, "acme"));
        await a.Admin.SetOrganizationOverrideAsync(ContractToggles.Pilot, "acme", true, Ana);
        await set.WaitAsync(TimeSpan.FromSeconds(30));
        var readBacksBefore = readBacks();

        var unset = b.WhenApplied(() => b.Toggles.Explain(ContractToggles.Pilot, "acme").Reason == ToggleReason.Default);
        await a.Admin.SetOrganizationOverrideAsync(ContractToggles.Pilot, "acme", null, Ana);
        await unset.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(b.Toggles.IsEnabled(ContractToggles.Pilot, "acme"), Is.False);
        Assert.That(readBacks() - readBacksBefore, Is.Zero);
    }

    /// <summary>
    /// Opens two instances on a new database; the second one's reads back of changed keys are counted.
    /// </summary>
    protected async Task<(ToggleHarness A, ToggleHarness B, Func<int> ReadBacksOfB)> TwoInstancesAsync()
    {
        var open = await CreateDatabaseAsync();
        var watched = new HookableToggleStore(open());
        var readBacks = 0;
        watched.After = call => Interlocked.Add(ref readBacks, call == StoreCall.GetMany ? 1 : 0);
        var a = ToggleHarness.Create(b => b.AddToggles(ContractToggles.All), store: open());
        var b = ToggleHarness.Create(b => b.AddToggles(ContractToggles.All), store: watched);
        return (a, b, () => Volatile.Read(ref readBacks));
    }

    /// <summary>Returns once each instance has applied a change the other made, so both feeds are running.</summary>
    protected static async Task BothFeedsLiveAsync(ToggleHarness a, ToggleHarness b)
    {
        Assert.That((a.Toggles.IsEnabled(ContractToggles.Kill), b.Toggles.IsEnabled(ContractToggles.Kill)), Is.EqualTo((false, false)), "loaded");
        await FenceAsync(from: a, to: b, ContractToggles.Billing, ["finance"]);
        await FenceAsync(from: b, to: a, ContractToggles.Billing, ["finance"]);
    }

    /// <summary>Flips a switch on one instance and waits until the other holds the new value.</summary>
    protected static async Task FenceAsync(ToggleHarness from, ToggleHarness to, Switch toggle, IReadOnlyList<string>? roles = null)
    {
        var value = !from.Toggles.IsEnabled(toggle);
        var seen = to.WhenApplied(() => to.Toggles.IsEnabled(toggle) == value);
        await from.Admin.SetAsync(toggle, value, new ToggleActor("fence", roles ?? []));
        await seen.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Counts the incremental changes (not full reloads) that name one key.</summary>
    private sealed class ChangeCounter
    {
        private int _count;

        public ChangeCounter(ToggleHarness harness, string key)
            => harness.Provider.GetRequiredService<IToggleStateMonitor>().StateChanged += (_, e) =>
            {
                if (!e.IsFullReload && e.Keys.Contains(key))
                {
                    Interlocked.Increment(ref _count);
                }
            };

        public int Count => Volatile.Read(ref _count);
    }
}
