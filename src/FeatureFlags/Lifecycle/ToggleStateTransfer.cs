using System.Buffers;
using System.Text;
using System.Text.Json;
using FeatureFlags.Storage;

namespace FeatureFlags;

/// <summary>
/// Export reads the store; import computes the differences and applies them through <see cref="IToggleAdmin.ApplyAsync"/>,
/// so it gets the same checks as every other write (editor roles, kinds, limits) and is all or nothing: each difference
/// names the target's current version, so a concurrent change surfaces as a conflict and nothing is written.
/// </summary>
internal sealed class ToggleStateTransfer(IToggleStore store, IToggleAdmin admin, TimeProvider time) : IToggleStateTransfer
{
    private const int Format = 1;

    public async ValueTask<string> ExportAsync(CancellationToken cancellationToken = default)
    {
        var records = await StoredToggles.ListAsync(store, cancellationToken).ConfigureAwait(false);
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
        var existing = (await StoredToggles.ListAsync(store, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Key, StringComparer.Ordinal);
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

        var plan = Fingerprint(changes, existing);
        if (options.ExpectedPlan is { } expected && !string.Equals(expected, plan, StringComparison.Ordinal))
        {
            throw new ToggleException(
                ToggleErrorCode.Conflict,
                $"The stored state changed since the dry run that was reviewed (plan {expected}, now {plan}). Nothing was written: run the dry run again and review it.");
        }

        IReadOnlyList<ToggleStoreWrite> writes =
        [
            .. changes.Select(c => new ToggleStoreWrite(c.Key, c.After, existing.TryGetValue(c.Key, out var current) ? current.Version : 0)),
        ];
        // A document with errors is checked in full (so every problem is reported) but never applied.
        var dryRun = options.DryRun || problems.Any(p => p.Severity == ToggleLintSeverity.Error);
        var actor = new ToggleActor($"import by {options.Actor.Name}", options.Actor.Roles);
        var batch = await admin.ApplyAsync(writes, actor, options.Reason, dryRun, cancellationToken).ConfigureAwait(false);
        problems.AddRange(batch.Problems);
        return new ToggleImportResult(changes, problems, batch.Applied) { Plan = plan };
    }

    /// <summary>A short hash of every planned write and the version it was computed from.</summary>
    private static string Fingerprint(List<ToggleImportChange> changes, Dictionary<string, ToggleRecord> existing)
    {
        var text = new StringBuilder();
        foreach (var change in changes.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var version = existing.TryGetValue(change.Key, out var current) ? current.Version : 0;
            text.Append(change.Key).Append('\t').Append(change.Kind).Append('\t').Append(version).Append('\t').Append(change.After).Append('\n');
        }

        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 12));
    }

    private static (Dictionary<string, string> Keys, List<ToggleImportProblem> Problems) Parse(string json)
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
                    problems.Add(new(key ?? $"#{index}", ToggleLintSeverity.Error, "Entry needs string 'key' and 'value'.", ToggleErrorCode.InvalidRequest));
                    continue;
                }

                if (!result.TryAdd(key, value))
                {
                    problems.Add(new(key, ToggleLintSeverity.Error, "Key appears twice.", ToggleErrorCode.InvalidRequest));
                }
            }

            return (result, problems);
        }
    }
}
