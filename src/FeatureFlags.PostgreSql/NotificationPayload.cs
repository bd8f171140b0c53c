using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FeatureFlags.Storage;

namespace FeatureFlags.PostgreSql;

/// <summary>
/// The payload of the store's NOTIFY: the writer's instance id and, per changed key, its version and, when it fits, its
/// new record, so a listener applies the change without reading it back. Sealed (AES-GCM) with the database's
/// notification key (table <c>ff_secret</c>, readable only by roles that may read the toggle tables): any role that can
/// connect may NOTIFY and LISTEN on any channel, so an unsealed payload is trusted for nothing but a key to read back.
/// </summary>
/// <remarks>
/// <para>Form: <c>{"w":"writer","c":[{"k":"key","v":12,"r":{"value":"…","c":ms,"m":ms,"by":"actor"}},{"k":"key2","v":13,"d":true},{"k":"key3","v":14}]}</c>:
/// a record (<c>r</c>), a deletion (<c>d</c>), or neither when the record did not fit (the listener reads that key back).</para>
/// <para>PostgreSQL refuses payloads of 8,000 bytes or more: a batch is split over several notifications, each applied as
/// one batch by listeners.</para>
/// <para>A writer without the notification key (its role may not read <c>ff_secret</c>) sends each changed key alone,
/// unsealed: listeners read those keys back and trust nothing else about them.</para>
/// </remarks>
internal static class NotificationPayload
{
    /// <summary>The most bytes in one payload's JSON: sealed and base64-encoded it stays below PostgreSQL's limit of 8,000.</summary>
    public const int MaxBytes = 5_800;

    private const string SealedPrefix = "s1:";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    // Room for the envelope around the entries: {"w":"32 hex digits","c":[ ... ]}.
    private const int EnvelopeBytes = 64;

    // Non-ASCII text as UTF-8, not \uXXXX escapes: the payload is text, and escapes would triple its size. Nothing here
    // is ever embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Returns the payloads announcing <paramref name="changes"/>, in order: sealed with <paramref name="key"/>, or, without
    /// one, bare keys that listeners read back.
    /// </summary>
    public static IReadOnlyList<string> Pack(IReadOnlyList<ToggleStoreChange> changes, string writer, byte[]? key)
    {
        if (key is null)
        {
            return [.. changes.Select(c => c.Key!)];
        }

        return [.. Pack(changes, writer).Select(json => Seal(json, key))];
    }

    /// <summary>Returns the JSON payloads announcing <paramref name="changes"/>, in order, before sealing.</summary>
    internal static IReadOnlyList<string> Pack(IReadOnlyList<ToggleStoreChange> changes, string writer)
    {
        var payloads = new List<string>();
        var entries = new List<byte[]>();
        var size = EnvelopeBytes;
        foreach (var change in changes)
        {
            var entry = Entry(change, withRecord: true);
            if (entry.Length + EnvelopeBytes > MaxBytes)
            {
                entry = Entry(change, withRecord: false);
            }

            if (size + entry.Length + 1 > MaxBytes)
            {
                payloads.Add(Envelope(writer, entries));
                entries.Clear();
                size = EnvelopeBytes;
            }

            entries.Add(entry);
            size += entry.Length + 1;
        }

        if (entries.Count > 0)
        {
            payloads.Add(Envelope(writer, entries));
        }

        return payloads;
    }

    /// <summary>Returns whether a payload is sealed (whatever the key it was sealed with).</summary>
    public static bool IsSealed(string payload) => payload.StartsWith(SealedPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Reads a payload: one sealed with <paramref name="key"/> is trusted (records, versions, writer); anything else is at
    /// most a valid key to read back, with no version (a forged one could otherwise freeze a key) and no writer.
    /// Returns <see langword="false"/> with what is wrong for a payload that names nothing usable, including a sealed
    /// one when <paramref name="key"/> is <see langword="null"/> (see <see cref="IsSealed"/>).
    /// </summary>
    public static bool TryParse(string payload, byte[]? key, [NotNullWhen(true)] out ToggleStoreChange? change, [NotNullWhen(false)] out string? problem)
    {
        change = null;
        if (IsSealed(payload))
        {
            if (key is null)
            {
                problem = "it is sealed, and this instance has no notification key";
                return false;
            }

            if (Open(payload, key) is not { } json)
            {
                problem = "it is sealed with another key, or was altered";
                return false;
            }

            return TryParseJson(json, out change, out problem);
        }

        if (payload.Length > 0 && payload[0] != '{' && ToggleKeys.TryParse(payload, out _, out _, out _))
        {
            change = ToggleStoreChange.Changed(payload);
            problem = null;
            return true;
        }

        problem = payload.Length > 0 && payload[0] == '{' ? "it is unsealed JSON, which only a sealed payload may carry" : "it is neither sealed nor a toggle key";
        return false;
    }

    /// <summary>Reads an opened (or never sealed, in tests) JSON payload and trusts what it says.</summary>
    internal static bool TryParseJson(string payload, [NotNullWhen(true)] out ToggleStoreChange? change, [NotNullWhen(false)] out string? problem)
    {
        change = null;
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            var writer = root.TryGetProperty("w", out var w) ? w.GetString() : null;
            var changes = new List<ToggleStoreChange>();
            foreach (var entry in root.GetProperty("c").EnumerateArray())
            {
                var key = entry.GetProperty("k").GetString()!;
                // Every entry a writer sends has a version: its writes' changes all do.
                var version = entry.GetProperty("v").GetInt64();
                if (!ToggleKeys.TryParse(key, out _, out _, out _))
                {
                    problem = "it names a key that is not a toggle key";
                    return false;
                }

                if (entry.TryGetProperty("d", out _))
                {
                    changes.Add(ToggleStoreChange.Deleted(key, version, writer));
                }
                else if (entry.TryGetProperty("r", out var r))
                {
                    var record = new ToggleRecord(
                        key,
                        r.GetProperty("value").GetString()!,
                        version,
                        DateTimeOffset.FromUnixTimeMilliseconds(r.GetProperty("c").GetInt64()),
                        DateTimeOffset.FromUnixTimeMilliseconds(r.GetProperty("m").GetInt64()),
                        r.GetProperty("by").GetString()!);
                    changes.Add(ToggleStoreChange.Written(record, writer));
                }
                else
                {
                    changes.Add(ToggleStoreChange.Changed(key, version, writer));
                }
            }

            if (changes.Count == 0)
            {
                problem = "it announces no change";
                return false;
            }

            change = ToggleStoreChange.Batch(changes);
            problem = null;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            // ArgumentException: a change the factories refuse (a version below 1, an invalid key).
            problem = $"it is not a well-formed change list ({ex.Message})";
            return false;
        }
    }

    /// <summary>Returns a new random notification key.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static string Seal(string json, byte[] key)
    {
        var plain = Encoding.UTF8.GetBytes(json);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length));
        return SealedPrefix + Convert.ToBase64String(sealedBytes);
    }

    private static string? Open(string payload, byte[] key)
    {
        try
        {
            var sealedBytes = Convert.FromBase64String(payload[SealedPrefix.Length..]);
            if (sealedBytes.Length < NonceBytes + TagBytes)
            {
                return null;
            }

            var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), plain);
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return null;
        }
    }

    private static byte[] Entry(ToggleStoreChange change, bool withRecord)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("k", change.Key);
            // A write's changes always have versions; listeners refuse an entry without one.
            json.WriteNumber("v", change.Version ?? throw new ArgumentException("Only changes with a version are announced.", nameof(change)));

            if (change.Kind == ToggleStoreChangeKind.Deleted)
            {
                json.WriteBoolean("d", true);
            }
            else if (withRecord && change.Record is { } record)
            {
                json.WriteStartObject("r");
                json.WriteString("value", record.Value);
                json.WriteNumber("c", record.CreatedAt.ToUnixTimeMilliseconds());
                json.WriteNumber("m", record.ModifiedAt.ToUnixTimeMilliseconds());
                json.WriteString("by", record.ModifiedBy);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string Envelope(string writer, List<byte[]> entries)
    {
        var builder = new StringBuilder(MaxBytes);
        builder.Append("{\"w\":\"").Append(JsonEncodedText.Encode(writer).ToString()).Append("\",\"c\":[");
        for (var i = 0; i < entries.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(Encoding.UTF8.GetString(entries[i]));
        }

        return builder.Append("]}").ToString();
    }
}
