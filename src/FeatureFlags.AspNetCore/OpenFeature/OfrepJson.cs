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
    private static readonly JsonEncodedText Static = JsonEncodedText.Encode(OfrepReasons.Static);
    private static readonly JsonEncodedText Disabled = JsonEncodedText.Encode(OfrepReasons.Disabled);
    private static readonly JsonEncodedText TargetingMatch = JsonEncodedText.Encode(OfrepReasons.TargetingMatch);
    private static readonly JsonEncodedText Split = JsonEncodedText.Encode(OfrepReasons.Split);
    private static readonly JsonEncodedText Default = JsonEncodedText.Encode(OfrepReasons.Default);

    private static readonly JsonEncodedText[] ReasonNames = [.. Enum.GetValues<ToggleReason>().Select(r => JsonEncodedText.Encode(r.ToString()))];

    /// <summary>The name of the bulk answer's array, for the writer's caller.</summary>
    public static JsonEncodedText Flags => FlagsName;

    /// <summary>
    /// Writes an evaluation; <paramref name="key"/> is the toggle's name encoded once, so only the detail is encoded per answer.
    /// </summary>
    public static void WriteEvaluation(Utf8JsonWriter writer, JsonEncodedText key, ToggleExplanation explanation)
    {
        writer.WriteStartObject();
        writer.WriteString(KeyName, key);
        writer.WriteBoolean(ValueName, explanation.IsEnabled);
        writer.WriteString(ReasonName, OpenFeatureReason(explanation.Reason, explanation.IsEnabled));
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

    private static JsonEncodedText OpenFeatureReason(ToggleReason reason, bool value) => OfrepReasons.For(reason, value) switch
    {
        OfrepReasons.Static => Static,
        OfrepReasons.Disabled => Disabled,
        OfrepReasons.TargetingMatch => TargetingMatch,
        OfrepReasons.Split => Split,
        _ => Default,
    };

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
