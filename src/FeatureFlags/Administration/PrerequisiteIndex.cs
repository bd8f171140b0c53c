using System.Text.Json;
using FeatureFlags.Storage;

namespace FeatureFlags;

/// <summary>
/// The store's index of prerequisites: one system key (not a toggle key, so listings, reports, exports and caches pass
/// it over) whose value lists every toggle that requires others. Every write that changes who requires whom rewrites it
/// in the same batch, at the version its check read: two writers whose checks read the same graph cannot both commit,
/// so no interleaving of writers stores a cycle, whatever isolation the store offers for keys that do not exist yet.
/// It also answers "who requires this toggle" in one read.
/// </summary>
internal static class PrerequisiteIndex
{
    /// <summary>The key of the index. It does not parse as a toggle key.</summary>
    public const string Key = "$featureflags/prerequisites";

    /// <summary>
    /// Reads the index. No index is an empty graph (no write has named a prerequisite yet; the first that does stores
    /// it); an index that cannot be read is rebuilt from every toggle's stored state (one listing). The version returned
    /// is the stored one, so rewriting it stays conditional. Writers check the index against the stored state wherever
    /// a write reaches, so an entry gone stale cannot hide a cycle.
    /// </summary>
    public static async ValueTask<(PrerequisiteGraph Graph, long Version, bool Rebuilt)> LoadAsync(IToggleStore store, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(Key, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return (PrerequisiteGraph.Empty(), 0, false);
        }

        if (TryDecode(record.Value) is { } graph)
        {
            return (graph, record.Version, false);
        }

        return (await PrerequisiteGraph.LoadAsync(store, cancellationToken).ConfigureAwait(false), record?.Version ?? 0, true);
    }

    /// <summary>Returns the index's value for a graph: <c>{"requires":{"a":[{"toggle":"b","enabled":false}]}}</c>, in name order.</summary>
    public static string Encode(PrerequisiteGraph graph)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("requires");
            foreach (var toggle in graph.Toggles.Order(StringComparer.Ordinal))
            {
                writer.WriteStartArray(toggle);
                foreach (var prerequisite in graph.PrerequisitesOf(toggle))
                {
                    writer.WriteStartObject();
                    writer.WriteString("toggle", prerequisite.Toggle);
                    writer.WriteBoolean("enabled", prerequisite.Enabled);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads an index value, or returns <see langword="null"/> when it is not one this version can read.</summary>
    public static PrerequisiteGraph? TryDecode(string value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("requires", out var requires) || requires.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var graph = PrerequisiteGraph.Empty();
            foreach (var entry in requires.EnumerateObject())
            {
                if (!ToggleNames.IsValidFullName(entry.Name) || entry.Value.ValueKind != JsonValueKind.Array)
                {
                    return null;
                }

                var list = new List<TogglePrerequisite>();
                foreach (var item in entry.Value.EnumerateArray())
                {
                    var name = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("toggle", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                    if (name is null || !ToggleNames.IsValidFullName(name))
                    {
                        return null;
                    }

                    list.Add(new TogglePrerequisite(name, !item.TryGetProperty("enabled", out var e) || e.ValueKind != JsonValueKind.False));
                }

                graph.SetPrerequisites(entry.Name, list);
            }

            return graph;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }
}
