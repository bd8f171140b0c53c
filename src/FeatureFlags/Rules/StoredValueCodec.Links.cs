using System.Globalization;
using System.Text.Json;
using FeatureFlags.Storage;

namespace FeatureFlags;

// Prerequisites and schedules: the parts of a stored value that link it to other toggles and to time.
internal static partial class StoredValueCodec
{
    /// <summary>
    /// Returns the prerequisites of a stored value, or none when there is no value, it names none, or it cannot be read
    /// (unreadable values count as unset everywhere).
    /// </summary>
    public static IReadOnlyList<TogglePrerequisite> PrerequisitesOrEmpty(string? json)
    {
        if (json is null || !MayHavePrerequisites(json))
        {
            return [];
        }

        return TryDecodeRules(json)?.Requires ?? [];
    }

    /// <summary>
    /// Returns the schedule of the value stored under <paramref name="key"/> (a toggle's own state or an override), or
    /// none when it has none or cannot be read. Values that cannot name a schedule are not parsed.
    /// </summary>
    public static ToggleSchedule? ScheduleOrNull(string key, string json)
    {
        if (!json.Contains("active", StringComparison.Ordinal) && !json.Contains('\\', StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return ToggleKeys.TryParse(key, out _, out var level, out _) && level is not null
                ? DecodeOverride(json).Schedule
                : DecodeRules(json).Schedule;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Returns whether a stored value may name prerequisites, cheaply and without false negatives: the property name
    /// appears literally, or the text has an escape (<c>re\u0071uires</c> is the same JSON property).
    /// </summary>
    public static bool MayHavePrerequisites(string json)
        => json.Contains("requires", StringComparison.Ordinal) || json.Contains('\\', StringComparison.Ordinal);

    private static IReadOnlyList<TogglePrerequisite> ReadPrerequisites(JsonElement root)
    {
        if (!root.TryGetProperty("requires", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("'requires' must be an array of {\"toggle\": name, \"on\": true|false}.");
        }

        var result = new List<TogglePrerequisite>(list.GetArrayLength());
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("toggle", out var name) || name.ValueKind != JsonValueKind.String)
            {
                throw new FormatException("Each entry of 'requires' must be an object with a 'toggle' name.");
            }

            result.Add(new TogglePrerequisite(name.GetString()!, ReadBool(item, "on", required: false) || !item.TryGetProperty("on", out _)));
        }

        try
        {
            PrerequisiteRules.Validate(result);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(ex.Message, ex);
        }

        return result;
    }

    private static ToggleSchedule? ReadSchedule(JsonElement root)
    {
        var from = ReadInstant(root, "activeFrom");
        var until = ReadInstant(root, "activeUntil");
        if (from is null && until is null)
        {
            return null;
        }

        try
        {
            return new ToggleSchedule(from, until);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    private static DateTimeOffset? ReadInstant(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParseExact(value.GetString(), "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            throw new FormatException($"'{name}' must be a UTC instant in ISO 8601 ending in Z, such as 2026-12-07T09:00:00Z.");
        }

        return instant;
    }

    private static void WriteSchedule(Utf8JsonWriter writer, ToggleSchedule? schedule)
    {
        if (schedule?.ActiveFrom is { } from)
        {
            writer.WriteString("activeFrom", ToggleSchedule.Format(from));
        }

        if (schedule?.ActiveUntil is { } until)
        {
            writer.WriteString("activeUntil", ToggleSchedule.Format(until));
        }
    }

    private static void WritePrerequisites(Utf8JsonWriter writer, IReadOnlyList<TogglePrerequisite>? requires)
    {
        if (requires is not { Count: > 0 })
        {
            return;
        }

        writer.WriteStartArray("requires");
        foreach (var prerequisite in requires)
        {
            writer.WriteStartObject();
            writer.WriteString("toggle", prerequisite.Toggle);
            writer.WriteBoolean("on", prerequisite.Enabled);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
