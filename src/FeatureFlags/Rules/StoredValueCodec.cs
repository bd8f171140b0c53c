using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FeatureFlags;

/// <summary>
/// Reads and writes the JSON values kept in the store (the wire format). Values decode into the stored model
/// (<see cref="StoredRules"/>, <see cref="StoredOverride"/>) in one parse; only the cache compiles that model into the
/// evaluation form. Every value carries a format version <c>v</c>; a value from a newer format, or a malformed one, is
/// rejected with <see cref="FormatException"/>.
/// </summary>
internal static partial class StoredValueCodec
{
    public const int FormatVersion = 1;
    public const string SwitchKind = "switch";
    public const string FlagKind = "flag";
    public const string GroupKind = "group";

    public static string EncodeSwitch(bool on, IReadOnlyList<TogglePrerequisite>? requires = null, ToggleSchedule? schedule = null) => Write(w =>
    {
        w.WriteString("kind", SwitchKind);
        w.WriteBoolean("on", on);
        WritePrerequisites(w, requires);
        WriteSchedule(w, schedule);
    });

    public static string EncodeGroup(bool on, ToggleSchedule? schedule = null) => Write(w =>
    {
        w.WriteString("kind", GroupKind);
        w.WriteBoolean("on", on);
        WriteSchedule(w, schedule);
    });

    public static string EncodeOverride(bool on, ToggleSchedule? schedule = null) => Write(w =>
    {
        w.WriteBoolean("on", on);
        WriteSchedule(w, schedule);
    });

    public static string EncodeFlag(FlagRules rules, IReadOnlyList<TogglePrerequisite>? requires = null, ToggleSchedule? schedule = null)
    {
        rules.Validate();
        return Write(w =>
        {
            w.WriteString("kind", FlagKind);
            if (rules.Everyone is { } everyone)
            {
                w.WriteBoolean("everyone", everyone);
            }
            else
            {
                w.WriteNull("everyone");
            }

            w.WriteNumber("percent", rules.Percent);
            w.WriteBoolean("testing", rules.Testing);
            w.WriteBoolean("superusers", rules.Superusers);
            w.WriteBoolean("staff", rules.Staff);
            w.WriteBoolean("authenticated", rules.Authenticated);
            WriteList(w, "users", rules.Users);
            WriteList(w, "groups", rules.Groups);
            WriteList(w, "languages", rules.Languages);
            WritePrerequisites(w, requires);
            WriteSchedule(w, schedule);
            WriteCustomRules(w, rules.CustomRules);
            if (rules.MatchNobody && rules.IsEmpty)
            {
                w.WriteBoolean("nobody", true);
            }
        });
    }

    /// <summary>Returns a toggle's own stored state written out again, as it would be by the matching Encode method.</summary>
    public static string Encode(StoredRules stored) => stored switch
    {
        StoredSwitch s => EncodeSwitch(s.On, s.Requires, s.Schedule),
        StoredFlag f => EncodeFlag(f.Rules, f.Requires, f.Schedule),
        StoredGroup g => EncodeGroup(g.On, g.Schedule),
        _ => throw new ArgumentOutOfRangeException(nameof(stored), stored, "Unknown stored state."),
    };

    /// <summary>
    /// Decodes a toggle's own stored value (a switch, flag or group) in one parse, without compiling it.
    /// </summary>
    /// <exception cref="FormatException">The value is malformed, of a newer format or of an unknown kind.</exception>
    public static StoredRules DecodeRules(string json)
    {
        using var document = Parse(json);
        var root = document.RootElement;
        var kind = root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        var requires = ReadPrerequisites(root);
        var schedule = ReadSchedule(root);
        return kind switch
        {
            SwitchKind => new StoredSwitch(ReadBool(root, "on", required: true)) { Requires = requires, Schedule = schedule },
            FlagKind => new StoredFlag(ReadFlag(root)) { Requires = requires, Schedule = schedule },
            GroupKind when requires.Count > 0 => throw new FormatException("A group's state cannot have prerequisites."),
            GroupKind => new StoredGroup(ReadBool(root, "on", required: true)) { Schedule = schedule },
            _ => throw new FormatException($"Unknown toggle kind '{kind}'."),
        };
    }

    /// <summary>
    /// Returns a toggle's own stored state, or <see langword="null"/> when there is no value or it cannot be read
    /// (unreadable values count as unset everywhere, as evaluation treats them).
    /// </summary>
    public static StoredRules? TryDecodeRules(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return DecodeRules(json);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Returns the rules of a stored flag.</summary>
    /// <exception cref="FormatException">The value cannot be read, or is not a flag's.</exception>
    public static FlagRules DecodeFlag(string json)
        => DecodeRules(json) is StoredFlag flag ? flag.Rules : throw new FormatException("The stored value is not a flag's.");

    /// <summary>Decodes a stored site, course or organisation override in one parse.</summary>
    /// <exception cref="FormatException">The value is malformed or of a newer format.</exception>
    public static StoredOverride DecodeOverride(string json)
    {
        using var document = Parse(json);
        return new StoredOverride(ReadBool(document.RootElement, "on", required: true), ReadSchedule(document.RootElement));
    }

    private static FlagRules ReadFlag(JsonElement root)
    {
        bool? everyone = null;
        if (root.TryGetProperty("everyone", out var e) && e.ValueKind != JsonValueKind.Null)
        {
            everyone = e.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new FormatException("'everyone' must be true, false or null."),
            };
        }

        decimal percent = 0;
        if (root.TryGetProperty("percent", out var p))
        {
            if (p.ValueKind != JsonValueKind.Number || !p.TryGetDecimal(out percent))
            {
                throw new FormatException("'percent' must be a number.");
            }
        }

        var rules = new FlagRules
        {
            Everyone = everyone,
            Percent = percent,
            Testing = ReadBool(root, "testing", required: false),
            Superusers = ReadBool(root, "superusers", required: false),
            Staff = ReadBool(root, "staff", required: false),
            Authenticated = ReadBool(root, "authenticated", required: false),
            Users = ReadList(root, "users"),
            Groups = ReadList(root, "groups"),
            Languages = ReadList(root, "languages"),
            CustomRules = ReadCustomRules(root),
            MatchNobody = ReadBool(root, "nobody", required: false),
        };
        try
        {
            rules.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(ex.Message, ex);
        }

        return rules;
    }

    private static JsonDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The stored value is not valid JSON: {ex.Message}", ex);
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new FormatException("The stored value must be a JSON object.");
        }

        if (!root.TryGetProperty("v", out var v) || !v.TryGetInt32(out var version) || version < 1)
        {
            document.Dispose();
            throw new FormatException("The stored value has no valid format version 'v'.");
        }

        if (version > FormatVersion)
        {
            document.Dispose();
            throw new FormatException(
                string.Create(CultureInfo.InvariantCulture, $"The stored value has format version {version}; this library reads up to {FormatVersion}. It was probably written by a newer version."));
        }

        return document;
    }

    private static bool ReadBool(JsonElement root, string name, bool required)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return required ? throw new FormatException($"'{name}' is missing.") : false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new FormatException($"'{name}' must be true or false."),
        };
    }

    private static string[] ReadList(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"'{name}' must be an array of strings.");
        }

        var result = new string[list.GetArrayLength()];
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            result[i++] = item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new FormatException($"'{name}' must be an array of strings.");
        }

        return result;
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", FormatVersion);
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
