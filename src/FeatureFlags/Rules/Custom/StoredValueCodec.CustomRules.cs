using System.Text.Json;

namespace FeatureFlags;

// Custom rules in a flag's value: "rules": [{"name": "plan", "parameters": {...}}]. Written only when there are some,
// so values without custom rules keep the shape every earlier version reads, and values written before custom rules
// existed read as having none.
internal static partial class StoredValueCodec
{
    private const string CustomRulesProperty = "rules";

    private static void WriteCustomRules(Utf8JsonWriter writer, IReadOnlyList<CustomRule> rules)
    {
        if (rules.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(CustomRulesProperty);
        foreach (var rule in rules)
        {
            writer.WriteStartObject();
            writer.WriteString("name", rule.Name);
            writer.WritePropertyName("parameters");
            rule.Parameters.WriteTo(writer);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static CustomRule[] ReadCustomRules(JsonElement root)
    {
        if (!root.TryGetProperty(CustomRulesProperty, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"'{CustomRulesProperty}' must be an array of {{\"name\", \"parameters\"}} objects.");
        }

        var result = new CustomRule[list.GetArrayLength()];
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            {
                throw new FormatException($"'{CustomRulesProperty}' must be an array of {{\"name\", \"parameters\"}} objects.");
            }

            result[i++] = new CustomRule(name.GetString()!, item.TryGetProperty("parameters", out var parameters) ? parameters : default);
        }

        return result;
    }
}
