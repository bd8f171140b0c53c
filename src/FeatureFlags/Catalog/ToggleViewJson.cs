using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FeatureFlags.Storage;

namespace FeatureFlags;

/// <summary>The one JSON form of a <see cref="ToggleView"/>, shared by the admin HTTP API and the command line.</summary>
internal static class ToggleViewJson
{
    public static string Write(ToggleView view)
    {
        var entry = view.Entry;
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("name", entry.Name);
            WriteOrNull(w, "kind", view.Declaration?.Kind.ToString());
            w.WriteBoolean("declared", view.Declaration is not null);
            w.WriteString("implementation", entry.Implementation);
            w.WriteString("description", entry.Description);
            w.WriteStartArray("useCases");
            foreach (var useCase in ToggleReport.UseCaseNames(entry.UseCases))
            {
                w.WriteStringValue(useCase);
            }

            w.WriteEndArray();
            WriteOrNull(w, "createdOn", entry.CreatedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            WriteOrNull(w, "targetRemovalOn", entry.TargetRemovalOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            WriteOrNull(w, "owner", entry.Owner);
            w.WriteString("status", entry.Status.ToString().ToLowerInvariant());
            w.WriteString("currentSettings", entry.CurrentSettings);
            WriteOrNull(w, "configurationOverride", entry.ConfigurationOverride);
            WriteOrNull(w, "firstModified", entry.FirstModified);
            WriteOrNull(w, "lastModified", entry.LastModified);
            w.WriteBoolean("orphan", entry.IsOrphan);
            w.WriteNumber("version", view.Version);
            w.WritePropertyName("value");
            WriteStored(w, view.State?.Value);
            WriteOrNull(w, "modifiedAt", view.State?.ModifiedAt);
            WriteOrNull(w, "modifiedBy", view.State?.ModifiedBy);
            w.WriteStartArray("overrides");
            foreach (var record in view.Overrides)
            {
                if (!ToggleKeys.TryParse(record.Key, out _, out var level, out var subject) || level is null)
                {
                    continue;
                }

                w.WriteStartObject();
                w.WriteString("level", level.Value.ToString().ToLowerInvariant());
                w.WriteString("subject", subject);
                w.WritePropertyName("value");
                WriteStored(w, record.Value);
                w.WriteNumber("version", record.Version);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteOrNull(w, "group", entry.Group);
            WriteOrNull(w, "groupSettings", view.GroupSettings);
            ToggleReport.WriteStrings(w, "members", entry.Members);
            ToggleReport.WritePrerequisites(w, "prerequisites", entry.Prerequisites);
            ToggleReport.WriteStrings(w, "dependants", entry.Dependants);
            w.WriteStartArray("schedules");
            foreach (var scheduled in entry.Schedules)
            {
                w.WriteStartObject();
                w.WriteString("key", scheduled.Key);
                WriteOrNull(w, "activeFrom", scheduled.Schedule.ActiveFrom is { } from ? ToggleSchedule.Format(from) : null);
                WriteOrNull(w, "activeUntil", scheduled.Schedule.ActiveUntil is { } until ? ToggleSchedule.Format(until) : null);
                w.WriteString("status", ScheduleText.Name(scheduled.Status));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("findings");
            foreach (var finding in view.Findings)
            {
                w.WriteStartObject();
                w.WriteString("rule", finding.Rule);
                w.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
                w.WriteString("message", finding.Message);
                WriteOrNull(w, "fixHint", finding.FixHint);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A stored value as JSON when it is JSON, otherwise as the string it is (unreadable state is shown, not hidden).</summary>
    private static void WriteStored(Utf8JsonWriter w, string? value)
    {
        if (value is null)
        {
            w.WriteNullValue();
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            document.RootElement.WriteTo(w);
        }
        catch (JsonException)
        {
            w.WriteStringValue(value);
        }
    }

    private static void WriteOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteOrNull(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
