using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FeatureFlags.Storage;

namespace FeatureFlags.PostgreSql;

/// <summary>
/// The payload of the store's NOTIFY: the writer's instance id and, per changed key, its version and, when it fits, its
/// new record, so a listener applies the change without reading it back.
/// </summary>
/// <remarks>
/// <para>Form: <c>{"w":"writer","c":[{"k":"key","v":12,"r":{"value":"…","c":ms,"m":ms,"by":"actor"}},{"k":"key2","v":13,"d":true},{"k":"key3","v":14}]}</c>:
/// a record (<c>r</c>), a deletion (<c>d</c>), or neither when the record did not fit (the listener reads that key back).</para>
/// <para>PostgreSQL refuses payloads of 8,000 bytes or more: a batch is split over several notifications, each applied as
/// one batch by listeners. A payload that is not JSON (a key alone, as older versions sent) means "this key changed".</para>
/// </remarks>
internal static class NotificationPayload
{
    /// <summary>The most UTF-8 bytes in one payload, below PostgreSQL's limit of 8,000.</summary>
    public const int MaxBytes = 7_900;

    // Room for the envelope around the entries: {"w":"32 hex digits","c":[ ... ]}.
    private const int EnvelopeBytes = 64;

    // Non-ASCII text as UTF-8, not \uXXXX escapes: the payload is text, and escapes would triple its size. Nothing here
    // is ever embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Returns the payloads announcing <paramref name="changes"/>, in order.</summary>
    public static IReadOnlyList<string> Pack(IReadOnlyList<ToggleStoreChange> changes, string writer)
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

            if (entry.Length + EnvelopeBytes > MaxBytes)
            {
                // Even the key does not fit (very long non-ASCII subjects, escaped): an empty list tells listeners to
                // reload everything, which is always safe.
                return [Envelope(writer, [])];
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

    /// <summary>
    /// Reads a payload. Returns <see langword="null"/> when it names nothing usable, or an empty list of changes: the
    /// listener then reloads everything.
    /// </summary>
    public static ToggleStoreChange? Parse(string payload)
    {
        if (payload.Length == 0)
        {
            return null;
        }

        if (payload[0] != '{')
        {
            return ToggleKeys.TryParse(payload, out _, out _, out _) ? ToggleStoreChange.Changed(payload) : null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            var writer = root.TryGetProperty("w", out var w) ? w.GetString() : null;
            var changes = new List<ToggleStoreChange>();
            foreach (var entry in root.GetProperty("c").EnumerateArray())
            {
                var key = entry.GetProperty("k").GetString()!;
                var version = entry.GetProperty("v").GetInt64();
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

            return changes.Count == 0 ? null : ToggleStoreChange.Batch(changes);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
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
            json.WriteNumber("v", change.Version);
            if (change.IsDelete)
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
