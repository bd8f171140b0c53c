using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FeatureFlags;

/// <summary>
/// The toggle report (OEP-17 requirement 12): every declared toggle and every orphaned stored toggle, with metadata,
/// current settings, modification times and status, release group (and a group's members), prerequisites and
/// dependants. One model, rendered as JSON, CSV or Markdown.
/// </summary>
public sealed class ToggleReport
{
    private static readonly string[] Columns =
        ["name", "description", "implementation", "use_cases", "created_on", "target_removal_on", "current_settings", "first_modified", "last_modified", "status", "orphan", "owner", "configuration_override", "group", "members", "prerequisites", "dependants", "schedules"];

    /// <summary>
    /// Initializes a new instance of the <see cref="ToggleReport"/> class.
    /// </summary>
    /// <param name="generatedAt">When the report was made.</param>
    /// <param name="entries">The entries, ordered by name.</param>
    public ToggleReport(DateTimeOffset generatedAt, IReadOnlyList<ToggleReportEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        GeneratedAt = generatedAt;
        Entries = entries;
    }

    /// <summary>Gets when the report was made.</summary>
    public DateTimeOffset GeneratedAt { get; }

    /// <summary>Gets the entries, ordered by name.</summary>
    public IReadOnlyList<ToggleReportEntry> Entries { get; }

    /// <summary>
    /// Renders the report as a JSON document: <c>{"generatedAt": ..., "toggles": [ {...}, ... ]}</c>.
    /// </summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("generatedAt", GeneratedAt);
            writer.WriteStartArray("toggles");
            foreach (var entry in Entries)
            {
                writer.WriteStartObject();
                var values = Values(entry);
                for (var i = 0; i < Columns.Length; i++)
                {
                    switch (Columns[i])
                    {
                        case "orphan":
                            writer.WriteBoolean(Columns[i], entry.IsOrphan);
                            break;
                        case "use_cases":
                            WriteStrings(writer, Columns[i], UseCaseNames(entry.UseCases));
                            break;
                        case "members":
                            WriteStrings(writer, Columns[i], entry.Members);
                            break;
                        case "dependants":
                            WriteStrings(writer, Columns[i], entry.Dependants);
                            break;
                        case "prerequisites":
                            WritePrerequisites(writer, Columns[i], entry.Prerequisites);
                            break;
                        default:
                            if (values[i].Length == 0 && Columns[i] is not "description" and not "current_settings")
                            {
                                writer.WriteNull(Columns[i]);
                            }
                            else
                            {
                                writer.WriteString(Columns[i], values[i]);
                            }

                            break;
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Renders the report as CSV (RFC 4180), one row per toggle, with a header row.
    /// </summary>
    /// <returns>The CSV text.</returns>
    public string ToCsv()
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Columns).Append("\r\n");
        foreach (var entry in Entries)
        {
            csv.AppendJoin(',', Values(entry).Select(Quote)).Append("\r\n");
        }

        return csv.ToString();

        static string Quote(string value)
            => value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>
    /// Renders the report as a Markdown table.
    /// </summary>
    /// <returns>The Markdown text.</returns>
    public string ToMarkdown()
    {
        var markdown = new StringBuilder();
        markdown.Append(CultureInfo.InvariantCulture, $"# Toggle report ({GeneratedAt:yyyy-MM-dd HH:mm} UTC)\n\n");
        markdown.Append("| ").AppendJoin(" | ", Columns).Append(" |\n");
        markdown.Append('|').Append(string.Concat(Enumerable.Repeat("---|", Columns.Length))).Append('\n');
        foreach (var entry in Entries)
        {
            markdown.Append("| ").AppendJoin(" | ", Values(entry).Select(Escape)).Append(" |\n");
        }

        return markdown.ToString();

        static string Escape(string value)
            => value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
    }

    /// <summary>Writes prerequisites as <c>[{"toggle": ..., "enabled": ...}]</c>, the form every JSON document of the library uses.</summary>
    internal static void WritePrerequisites(Utf8JsonWriter writer, string name, IReadOnlyList<TogglePrerequisite> prerequisites)
    {
        writer.WriteStartArray(name);
        foreach (var prerequisite in prerequisites)
        {
            writer.WriteStartObject();
            writer.WriteString("toggle", prerequisite.Toggle);
            writer.WriteBoolean("enabled", prerequisite.Enabled);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a list of strings as a JSON array.</summary>
    internal static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    internal static IEnumerable<string> UseCaseNames(ToggleUseCases useCases)
        => Enum.GetValues<ToggleUseCases>().Where(u => u != ToggleUseCases.None && useCases.HasFlag(u)).Select(u => u.ToString());

    private static string[] Values(ToggleReportEntry entry) =>
    [
        entry.Name,
        entry.Description,
        entry.Implementation,
        string.Join(' ', UseCaseNames(entry.UseCases)),
        entry.CreatedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
        entry.TargetRemovalOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
        entry.CurrentSettings,
        entry.FirstModified?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty,
        entry.LastModified?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty,
        entry.Status.ToString().ToLowerInvariant(),
        entry.IsOrphan ? "true" : "false",
        entry.Owner ?? string.Empty,
        entry.ConfigurationOverride ?? string.Empty,
        entry.Group ?? string.Empty,
        string.Join(' ', entry.Members),
        string.Join(", ", entry.Prerequisites),
        string.Join(' ', entry.Dependants),
        string.Join("; ", entry.Schedules.Select(s => $"{s.Key} {s.Schedule} ({s.Status.ToString().ToLowerInvariant()})")),
    ];
}
