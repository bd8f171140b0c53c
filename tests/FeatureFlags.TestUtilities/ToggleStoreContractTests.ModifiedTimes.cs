using FeatureFlags.Storage;
using NUnit.Framework;

namespace FeatureFlags.TestUtilities;

// First and last modified times: every key in one read, or one toggle's keys. The checks are public so that stores
// without a database (the in-memory store) run the same contract.
public abstract partial class ToggleStoreContractTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Opens a new store instance on the database whose record and audit times come from <paramref name="time"/>.</summary>
    protected abstract IToggleStore OpenStoreWithClock(string database, TimeProvider time);

    [Test]
    public async Task ModifiedTimes_EveryKey_OldestAndNewestAuditTime_DeletedKeysIncluded()
    {
        var clock = new ManualTimeProvider(Start);
        var store = OpenStoreWithClock(await CreateDatabaseAsync(), clock);
        await using var _ = store as IAsyncDisposable;
        await CheckModifiedTimesOfEveryKeyAsync(store, clock);
    }

    [Test]
    public async Task ModifiedTimes_OneToggle_OnlyItsKeyAndItsOverrideKeys()
    {
        var clock = new ManualTimeProvider(Start);
        var store = OpenStoreWithClock(await CreateDatabaseAsync(), clock);
        await using var _ = store as IAsyncDisposable;
        await CheckModifiedTimesOfOneToggleAsync(store, clock);
    }

    /// <summary>
    /// Every key with audit rows is returned once with its oldest and newest audit time, deleted keys too; keys never
    /// written are not; an empty store returns nothing.
    /// </summary>
    public static async Task CheckModifiedTimesOfEveryKeyAsync(IToggleStore store, ManualTimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        Assert.That(await store.GetModifiedTimesAsync(), Is.Empty, "nothing written yet");

        await WriteNeighboursAsync(store, clock);
        var times = await store.GetModifiedTimesAsync();

        Assert.That(times.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (t.Key, t.FirstModified, t.LastModified)), Is.EqualTo(new[]
        {
            ("a.b", At(0), At(3)),
            ("a.b.c", At(6), At(6)),
            ("a.b/org/x", At(1), At(1)),
            ("a.b/site/s", At(4), At(5)),
            ("a.b0", At(7), At(7)),
            ("a.bc", At(2), At(2)),
            ("a_b.c", At(8), At(8)),
        }));
    }

    /// <summary>
    /// With a toggle key, only that key and the keys under <c>{key}/</c> are returned (deleted ones too), never a
    /// neighbour whose name merely starts with it or sorts next to it; history reads select the same keys.
    /// </summary>
    public static async Task CheckModifiedTimesOfOneToggleAsync(IToggleStore store, ManualTimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        await WriteNeighboursAsync(store, clock);

        var times = await store.GetModifiedTimesAsync("a.b");
        var history = await store.GetHistoryAsync("a.b");
        var page = await store.GetHistoryPageAsync("a.b", null, 100);

        Assert.Multiple(() =>
        {
            Assert.That(times.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (t.Key, t.FirstModified, t.LastModified)), Is.EqualTo(new[]
            {
                ("a.b", At(0), At(3)),
                ("a.b/org/x", At(1), At(1)),
                ("a.b/site/s", At(4), At(5)),
            }));
            Assert.That(history.Select(h => h.Key).Distinct(), Is.EquivalentTo(times.Select(t => t.Key)));
            Assert.That(page.Select(h => h.Version), Is.EqualTo(history.Select(h => h.Version).Reverse()));
        });
        Assert.That(await store.GetModifiedTimesAsync("z.never_written"), Is.Empty);
        Assert.ThrowsAsync<ArgumentException>(async () => await store.GetModifiedTimesAsync(string.Empty));
    }

    private static DateTimeOffset At(int minutes) => Start.AddMinutes(minutes);

    /// <summary>
    /// Writes toggle <c>a.b</c> (updated once), two overrides (one deleted), and keys that share its prefix or sort
    /// right next to its override range: "a.b.c" ('.' sorts before '/') and "a.b0" ('0' right after it).
    /// </summary>
    private static async Task WriteNeighboursAsync(IToggleStore store, ManualTimeProvider clock)
    {
        var audit = new ToggleAuditInfo("ana");
        async Task<ToggleRecord> SetAt(int minutes, string key, long expectedVersion = 0)
        {
            clock.Now = At(minutes);
            return await store.SetAsync(key, "{}", expectedVersion, audit);
        }

        var first = await SetAt(0, "a.b");
        await SetAt(1, "a.b/org/x");
        await SetAt(2, "a.bc");
        await SetAt(3, "a.b", first.Version);
        var site = await SetAt(4, "a.b/site/s");
        clock.Now = At(5);
        await store.DeleteAsync("a.b/site/s", site.Version, audit);
        await SetAt(6, "a.b.c");
        await SetAt(7, "a.b0");
        await SetAt(8, "a_b.c");
    }
}
