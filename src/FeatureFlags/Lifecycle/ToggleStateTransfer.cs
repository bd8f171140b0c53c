using System.Buffers;
using System.Text;
using System.Text.Json;
using FeatureFlags.Storage;

namespace FeatureFlags;

/// <summary>
/// Export and import through the store: the export lists every key; the import writes each difference with the
/// target's current version, so the audit names the import and a concurrent change surfaces as a conflict.
/// </summary>
internal sealed class ToggleStateTransfer(IToggleStore store, IToggleRegistry registry, TimeProvider time) : IToggleStateTransfer
{
    private const int Format = 1;

    public async ValueTask<string> ExportAsync(CancellationToken cancellationToken = default)
    {
        var records = await store.ListAsync(string.Empty, cancellationToken).ConfigureAwait(false);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format", Format);
            writer.WriteString("exportedAt", time.GetUtcNow());
            writer.WriteStartArray("keys");
            foreach (var record in records)
            {
                writer.WriteStartObject();
                writer.WriteString("key", record.Key);
                writer.WriteString("value", record.Value);
                writer.WriteNumber("version", record.Version);
                writer.WriteString("modifiedAt", record.ModifiedAt);
                writer.WriteString("modifiedBy", record.ModifiedBy);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public async ValueTask<ToggleImportResult> ImportAsync(string json, ToggleImportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Actor);
        var (incoming, problems) = Parse(json);
        var existing = (await store.ListAsync(string.Empty, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Key, StringComparer.Ordinal);
        var changes = new List<ToggleImportChange>();
        foreach (var (key, value) in incoming)
        {
            if (!existing.TryGetValue(key, out var current))
            {
                changes.Add(new(key, ToggleImportChangeKind.Added, null, value));
            }
            else if (current.Value != value)
            {
                changes.Add(new(key, ToggleImportChangeKind.Updated, current.Value, value));
            }
        }

        if (options.DeleteMissing)
        {
            foreach (var record in existing.Values.Where(r => !incoming.ContainsKey(r.Key)))
            {
                changes.Add(new(record.Key, ToggleImportChangeKind.Deleted, record.Value, null));
            }
        }

        if (!options.DryRun)
        {
            var audit = new ToggleAuditInfo($"import by {options.Actor.Name}", options.Reason);
            foreach (var change in changes)
            {
                existing.TryGetValue(change.Key, out var current);
                if (change.Kind == ToggleImportChangeKind.Deleted)
                {
                    await store.DeleteAsync(change.Key, current!.Version, audit, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await store.SetAsync(change.Key, change.After!, current?.Version ?? 0, audit, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return new ToggleImportResult(changes, problems, Applied: !options.DryRun);
    }

    private (Dictionary<string, string> Keys, List<ToggleImportProblem> Problems) Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The import document is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || !format.TryGetInt32(out var version))
            {
                throw new FormatException("The import document has no 'format'; it is not a FeatureFlags export.");
            }

            if (version != Format)
            {
                throw new FormatException($"The import document has format {version}; this version reads format {Format}.");
            }

            if (!root.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("The import document has no 'keys' array.");
            }

            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            var problems = new List<ToggleImportProblem>();
            var index = 0;
            foreach (var item in keys.EnumerateArray())
            {
                index++;
                var key = item.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : null;
                var value = item.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : null;
                if (key is null || value is null)
                {
                    problems.Add(new(key ?? $"#{index}", ToggleLintSeverity.Error, "Entry needs string 'key' and 'value'; skipped."));
                    continue;
                }

                if (!ToggleKeys.TryParse(key, out var fullName, out var level, out _))
                {
                    problems.Add(new(key, ToggleLintSeverity.Error, "Not a toggle key (expected 'namespace.name' or 'namespace.name/{site|course|org}/{subject}'); skipped."));
                    continue;
                }

                try
                {
                    if (level is null)
                    {
                        StoredValueCodec.DecodeRules(value);
                    }
                    else
                    {
                        StoredValueCodec.DecodeOverride(value);
                    }
                }
                catch (FormatException ex)
                {
                    problems.Add(new(key, ToggleLintSeverity.Error, $"Invalid value ({ex.Message}); skipped."));
                    continue;
                }

                if (!result.TryAdd(key, value))
                {
                    problems.Add(new(key, ToggleLintSeverity.Error, "Key appears twice; the first entry is kept."));
                    continue;
                }

                if (!registry.TryGet(fullName, out _))
                {
                    problems.Add(new(key, ToggleLintSeverity.Warning, $"'{fullName}' is not declared in this application; imported as stored state."));
                }
            }

            return (result, problems);
        }
    }
}
