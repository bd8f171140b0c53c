using System.Text.Json;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Writes the body of the state endpoint, <c>{"toggles":{"name":true,...}}</c>, which the bootstrap tag helper writes
/// into pages too. The writer's default encoder escapes <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and quotes, so the
/// same bytes are safe inside an HTML <c>script</c> element.
/// </summary>
internal static class ToggleStateJson
{
    public static PooledBufferWriter Write(IReadOnlyDictionary<string, bool> state)
    {
        var buffer = new PooledBufferWriter(64 + (state.Count * 48));
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartObject();
        writer.WriteStartObject("toggles");
        foreach (var (name, enabled) in state)
        {
            writer.WriteBoolean(name, enabled);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        return buffer;
    }
}
