using FeatureFlags.Storage;

namespace FeatureFlags.Tests.Storage;

/// <summary>
/// The change notification is a closed set of kinds, each built by a factory that refuses what a store must never
/// announce, so a listener can switch on <see cref="ToggleStoreChange.Kind"/> and trust the properties it reads.
/// </summary>
public class ToggleStoreChangeTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    private static ToggleRecord Record(string key, long version) => new(key, "{}", version, At, At, "ana");

    [Test]
    public void EachFactory_SetsItsKindAndOnlyItsProperties()
    {
        var record = Record("shop.kill", 4);

        var written = ToggleStoreChange.Written(record, "w1");
        var deleted = ToggleStoreChange.Deleted("shop.kill", 5, "w1");
        var changed = ToggleStoreChange.Changed("shop.kill");
        var everything = ToggleStoreChange.Everything();

        Assert.Multiple(() =>
        {
            Assert.That((written.Kind, written.Key, written.Record, written.Version, written.Writer), Is.EqualTo((ToggleStoreChangeKind.Written, "shop.kill", record, (long?)4, "w1")));
            Assert.That((deleted.Kind, deleted.Key, deleted.Record, deleted.Version), Is.EqualTo((ToggleStoreChangeKind.Deleted, "shop.kill", (ToggleRecord?)null, (long?)5)));
            Assert.That((changed.Kind, changed.Key, changed.Version, changed.Writer), Is.EqualTo((ToggleStoreChangeKind.Changed, "shop.kill", (long?)null, (string?)null)));
            Assert.That((everything.Kind, everything.Key, everything.Version), Is.EqualTo((ToggleStoreChangeKind.Everything, (string?)null, (long?)null)));
            Assert.That(new[] { written, deleted, changed, everything }.Select(c => c.Changes.Count), Is.All.Zero, "only a batch has changes");
        });
    }

    [Test]
    public void Everything_TwoCalls_AreEqualByWhatTheySayNotByIdentity()
    {
        // Listeners tell kinds apart by Kind; nothing hands out a shared instance that could be compared by reference.
        Assert.That(ToggleStoreChange.Everything(), Is.Not.SameAs(ToggleStoreChange.Everything()));
        Assert.That((ToggleStoreChange.Everything(12).Kind, ToggleStoreChange.Everything(12).Version), Is.EqualTo((ToggleStoreChangeKind.Everything, (long?)12)));
    }

    [Test]
    public void Batch_CarriesItsChangesTheNewestVersionAndTheirSharedWriter()
    {
        var batch = ToggleStoreChange.Batch([ToggleStoreChange.Written(Record("a.b", 7), "w1"), ToggleStoreChange.Deleted("a.c", 9, "w1"), ToggleStoreChange.Changed("a.d", 8, "w1")]);
        var mixed = ToggleStoreChange.Batch([ToggleStoreChange.Written(Record("a.b", 7), "w1"), ToggleStoreChange.Changed("a.d", writer: "w2")]);

        Assert.That((batch.Kind, batch.Key, batch.Version, batch.Writer, batch.Changes.Count), Is.EqualTo((ToggleStoreChangeKind.Batch, (string?)null, (long?)9, "w1", 3)));
        Assert.That((mixed.Version, mixed.Writer), Is.EqualTo(((long?)7, (string?)null)), "no shared writer: none");
    }

    [Test]
    public void Batch_OfOne_IsThatChange()
    {
        var only = ToggleStoreChange.Deleted("a.b", 3);

        Assert.That(ToggleStoreChange.Batch([only]), Is.SameAs(only));
    }

    [Test]
    public void Batch_EmptyNestedOrEverything_Refused()
    {
        Assert.Throws<ArgumentException>(() => ToggleStoreChange.Batch([]));
        var nested = ToggleStoreChange.Batch([ToggleStoreChange.Changed("a.b"), ToggleStoreChange.Changed("a.c")]);
        Assert.Throws<ArgumentException>(() => ToggleStoreChange.Batch([nested, ToggleStoreChange.Changed("a.d")]));
        Assert.Throws<ArgumentException>(() => ToggleStoreChange.Batch([ToggleStoreChange.Everything(), ToggleStoreChange.Changed("a.d")]));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Versions_BelowOne_Refused(long version)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ToggleStoreChange.Written(Record("a.b", version)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ToggleStoreChange.Deleted("a.b", version));
        Assert.Throws<ArgumentOutOfRangeException>(() => ToggleStoreChange.Changed("a.b", version));
        Assert.Throws<ArgumentOutOfRangeException>(() => ToggleStoreChange.Everything(version));
    }

    [TestCase("")]
    [TestCase("a.b\u0001")]
    public void Keys_Invalid_Refused(string key)
    {
        Assert.Catch<ArgumentException>(() => ToggleStoreChange.Written(Record(key, 1)));
        Assert.Catch<ArgumentException>(() => ToggleStoreChange.Deleted(key, 1));
        Assert.Catch<ArgumentException>(() => ToggleStoreChange.Changed(key));
    }
}
