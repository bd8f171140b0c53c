using System.Text;
using FeatureFlags.Storage;

namespace FeatureFlags.PostgreSql.Tests;

/// <summary>
/// The NOTIFY payload: what a listener gets back is what the writer announced (versions, writer, records, deletions),
/// and no payload reaches PostgreSQL's 8,000-byte limit, however large the batch or its values.
/// </summary>
public class NotificationPayloadTests
{
    private static ToggleStoreChange Parse(string payload, byte[]? key)
    {
        Assert.That(NotificationPayload.TryParse(payload, key, out var change, out var problem), Is.True, problem);
        return change!;
    }

    private const string Writer = "0123456789abcdef0123456789abcdef";
    private static readonly byte[] Key = Convert.FromBase64String(NotificationPayload.NewKey());
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
    private static readonly DateTimeOffset Modified = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_123_456);

    [Test]
    public void RecordAndDeletion_RoundTrip_WithVersionsAndWriter()
    {
        var record = new ToggleRecord("shop.kill", """{"v":1,"on":true,"note":"caf\u00e9 ✓"}""", 41, Created, Modified, "ana");

        var payloads = NotificationPayload.Pack([ToggleStoreChange.Written(record, Writer), ToggleStoreChange.Deleted("shop.pilot/org/acme", 42, Writer)], Writer, Key);

        Assert.That(payloads, Has.Count.EqualTo(1));
        var parsed = Parse(payloads[0], Key);
        Assert.That((parsed.Kind, parsed.Writer, parsed.Version), Is.EqualTo((ToggleStoreChangeKind.Batch, Writer, 42L)));
        Assert.That(parsed.Changes, Has.Count.EqualTo(2));
        Assert.That((parsed.Changes[0].Kind, parsed.Changes[0].Record), Is.EqualTo((ToggleStoreChangeKind.Written, record)), "the whole record, non-ASCII text included");
        Assert.That(
            (parsed.Changes[1].Kind, parsed.Changes[1].Key, parsed.Changes[1].Version, parsed.Changes[1].Writer),
            Is.EqualTo((ToggleStoreChangeKind.Deleted, "shop.pilot/org/acme", 42L, Writer)));
    }

    [Test]
    public void ValueTooLargeForANotification_KeyAndVersionOnly()
    {
        var big = new ToggleRecord("shop.beta", "{\"v\":1,\"users\":[\"" + new string('u', 9_000) + "\"]}", 7, Created, Modified, "ana");

        var payloads = NotificationPayload.Pack([ToggleStoreChange.Written(big, Writer)], Writer, Key);

        var parsed = Parse(payloads.Single(), Key);
        Assert.That((parsed.Kind, parsed.Key, parsed.Version, parsed.Record), Is.EqualTo((ToggleStoreChangeKind.Changed, "shop.beta", 7L, (ToggleRecord?)null)),
            "a listener reads this one back, and only if it holds an older version");
        Assert.That(Encoding.UTF8.GetByteCount(payloads[0]), Is.LessThan(8_000));
    }

    [Test]
    public void LargeBatch_SplitIntoPayloadsUnderTheLimit_InOrder()
    {
        var changes = Enumerable.Range(1, 500)
            .Select(i => ToggleStoreChange.Written(new ToggleRecord($"shop.pilot/course/course-v1:Org+C{i}+Run", """{"v":1,"on":true}""", i, Created, Modified, "importer"), Writer))
            .ToList();

        var payloads = NotificationPayload.Pack(changes, Writer, Key);

        Assert.That(payloads, Has.Count.GreaterThan(1));
        Assert.That(payloads.Select(p => Encoding.UTF8.GetByteCount(p)), Has.All.LessThan(8_000));
        var parsed = payloads.Select(p => Parse(p, Key)).SelectMany(p => p.Kind == ToggleStoreChangeKind.Batch ? p.Changes : [p]).ToList();
        Assert.That(parsed.Select(c => c.Version), Is.EqualTo(Enumerable.Range(1, 500).Select(i => (long)i)), "every change, once, in order");
        Assert.That(parsed.Select(c => c.Record), Is.EqualTo(changes.Select(c => c.Record)));
    }

    /// <summary>A writer without the notification key sends bare keys: a listener reads the key back, trusting nothing else.</summary>
    [TestCase("shop.kill")]
    [TestCase("shop.pilot/org/acme")]
    public void BareKey_IsAChangeWithoutVersionOrWriter(string payload)
    {
        var parsed = Parse(payload, Key);

        Assert.That((parsed.Kind, parsed.Key, parsed.Version, parsed.Record, parsed.Writer), Is.EqualTo((ToggleStoreChangeKind.Changed, payload, (long?)null, (ToggleRecord?)null, (string?)null)));
    }

    [TestCase("", "neither sealed nor a toggle key")]
    [TestCase("{not json", "unsealed JSON")]
    [TestCase("/no/such/key", "neither sealed nor a toggle key")]
    public void Unusable_IsRefusedSayingWhy(string payload, string problem)
    {
        Assert.That(NotificationPayload.TryParse(payload, Key, out var change, out var why), Is.False);
        Assert.That(change, Is.Null);
        Assert.That(why, Does.Contain(problem));
    }

    /// <summary>Even sealed with the right key, an entry the change factories refuse makes the payload unreadable.</summary>
    [TestCase("""{"w":"x","c":[{"k":"shop.kill"}]}""", "well-formed")]
    [TestCase("""{"w":"x","c":[{"k":"shop.kill","v":0,"d":true}]}""", "well-formed")]
    [TestCase("""{"w":"x","c":[{"k":"shop.kill","d":true}]}""", "well-formed")]
    [TestCase("""{"w":"x","c":[]}""", "no change")]
    [TestCase("""{"w":"x","c":[{"k":"/no/such/key","v":3}]}""", "not a toggle key")]
    public void SealedButMalformed_IsRefusedSayingWhy(string json, string problem)
    {
        Assert.That(NotificationPayload.TryParseJson(json, out _, out var why), Is.False);
        Assert.That(why, Does.Contain(problem));
    }

    /// <summary>
    /// Anyone who may connect can NOTIFY on the channel: an unsealed payload in the trusted form (a record at the largest
    /// version, which would freeze the key on every instance), one sealed with another key, and a tampered one are dropped.
    /// </summary>
    [Test]
    public void Forged_UnsealedSealedWithAnotherKeyOrTampered_IsDropped()
    {
        var forged = new ToggleRecord("shop.kill", """{"v":1,"kind":"switch","on":true}""", long.MaxValue, Created, Modified, "mallory");
        var unsealed = NotificationPayload.Pack([ToggleStoreChange.Written(forged, "mallory")], "mallory").Single();
        var otherKey = NotificationPayload.Pack([ToggleStoreChange.Written(forged, "mallory")], "mallory", Convert.FromBase64String(NotificationPayload.NewKey())).Single();
        var tampered = NotificationPayload.Pack([ToggleStoreChange.Written(forged with { Version = 5 }, Writer)], Writer, Key).Single();
        tampered = tampered[..^6] + (tampered[^6] == 'A' ? "B" : "A") + tampered[^5..];

        Assert.That(NotificationPayload.TryParse(unsealed, Key, out _, out var unsealedProblem), Is.False);
        Assert.That(NotificationPayload.TryParse(otherKey, Key, out _, out var otherKeyProblem), Is.False);
        Assert.That(NotificationPayload.TryParse(tampered, Key, out _, out var tamperedProblem), Is.False);
        Assert.That(unsealedProblem, Does.Contain("unsealed JSON"));
        Assert.That(new[] { otherKeyProblem, tamperedProblem }, Has.All.Contain("another key, or was altered"));
    }

    /// <summary>The store reloads everything on a sealed payload it has no key for (PostgreSqlNotificationTests); the payload tells it so.</summary>
    [Test]
    public void Sealed_ListenerWithoutAKey_CannotReadIt()
    {
        var payload = NotificationPayload.Pack([ToggleStoreChange.Deleted("shop.kill", 3, Writer)], Writer, Key).Single();

        Assert.That(NotificationPayload.IsSealed(payload), Is.True);
        Assert.That(NotificationPayload.TryParse(payload, key: null, out _, out var problem), Is.False);
        Assert.That(problem, Does.Contain("no notification key"));
    }

    [Test]
    public void Sealed_ValuesAreNotReadableOnTheChannel()
    {
        var record = new ToggleRecord("shop.beta", """{"v":1,"users":["vip@example.com"]}""", 9, Created, Modified, "ana");

        var payload = NotificationPayload.Pack([ToggleStoreChange.Written(record, Writer)], Writer, Key).Single();

        Assert.That(payload, Does.StartWith("s1:").And.Not.Contain("vip").And.Not.Contain("shop.beta"));
        Assert.That(Convert.FromBase64String(payload[3..]).AsSpan().IndexOf("vip"u8), Is.EqualTo(-1));
    }

    [Test]
    public void WithoutAKey_WriterSendsBareKeys_ReadBackByListeners()
    {
        var record = new ToggleRecord("shop.beta", """{"v":1,"users":["vip@example.com"]}""", 9, Created, Modified, "ana");

        var payloads = NotificationPayload.Pack([ToggleStoreChange.Written(record, Writer), ToggleStoreChange.Deleted("shop.kill", 10, Writer)], Writer, key: null);

        Assert.That(payloads, Is.EqualTo(new[] { "shop.beta", "shop.kill" }));
    }
}
