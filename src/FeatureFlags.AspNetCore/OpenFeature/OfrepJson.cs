using System.Text.Json;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Writes OFREP answers: <c>{"key","value","reason","variant","metadata":{"reason","detail"}}</c> for an evaluation,
/// <c>{"key","errorCode","errorDetails"}</c> for a failure, <c>{"flags":[...]}</c> for a bulk evaluation.
/// </summary>
internal static class OfrepJson
{
    private static readonly JsonEncodedText KeyName = JsonEncodedText.Encode("key");
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText ReasonName = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText VariantName = JsonEncodedText.Encode("variant");
    private static readonly JsonEncodedText MetadataName = JsonEncodedText.Encode("metadata");
    private static readonly JsonEncodedText DetailName = JsonEncodedText.Encode("detail");
    private static readonly JsonEncodedText FlagsName = JsonEncodedText.Encode("flags");
    private static readonly JsonEncodedText ErrorCodeName = JsonEncodedText.Encode("errorCode");
    private static readonly JsonEncodedText ErrorDetailsName = JsonEncodedText.Encode("errorDetails");
    private static readonly JsonEncodedText On = JsonEncodedText.Encode("on");
    private static readonly JsonEncodedText Off = JsonEncodedText.Encode("off");
    private static readonly Dictionary<string, JsonEncodedText> OpenFeatureReasons = new[]
    {
        OfrepReasons.Static, OfrepReasons.Disabled, OfrepReasons.TargetingMatch, OfrepReasons.Split, OfrepReasons.Default,
    }.ToDictionary(r => r, r => JsonEncodedText.Encode(r), StringComparer.Ordinal);

    private static readonly JsonEncodedText[] ReasonNames = [.. Enum.GetValues<ToggleReason>().Select(r => JsonEncodedText.Encode(r.ToString()))];

    /// <summary>The name of the bulk answer's array, for the writer's caller.</summary>
    public static JsonEncodedText Flags => FlagsName;

    public static void WriteEvaluation(Utf8JsonWriter writer, ToggleExplanation explanation)
    {
        writer.WriteStartObject();
        writer.WriteString(KeyName, explanation.Toggle);
        writer.WriteBoolean(ValueName, explanation.IsEnabled);
        writer.WriteString(ReasonName, OpenFeatureReasons[OfrepReasons.For(explanation.Reason, explanation.IsEnabled)]);
        writer.WriteString(VariantName, explanation.IsEnabled ? On : Off);
        writer.WriteStartObject(MetadataName);
        var reason = (int)explanation.Reason;
        if ((uint)reason < (uint)ReasonNames.Length)
        {
            writer.WriteString(ReasonName, ReasonNames[reason]);
        }
        else
        {
            writer.WriteString(ReasonName, explanation.Reason.ToString());
        }

        writer.WriteString(DetailName, explanation.Detail);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes a failure; <paramref name="key"/> is <see langword="null"/> for a bulk request's failure.
    /// </summary>
    public static void WriteFailure(Utf8JsonWriter writer, string? key, string errorCode, string errorDetails)
    {
        writer.WriteStartObject();
        if (key is not null)
        {
            writer.WriteString(KeyName, key);
        }

        writer.WriteString(ErrorCodeName, errorCode);
        writer.WriteString(ErrorDetailsName, errorDetails);
        writer.WriteEndObject();
    }
}
