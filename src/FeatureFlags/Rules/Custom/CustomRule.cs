using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FeatureFlags;

/// <summary>
/// A reference from a flag's stored rules to a custom rule registered by name, with the rule's JSON parameters.
/// </summary>
public sealed record CustomRule
{
    private static readonly JsonElement JsonNull = JsonDocument.Parse("null").RootElement.Clone();

    /// <summary>
    /// Initializes a new instance of the <see cref="CustomRule"/> class.
    /// </summary>
    /// <param name="name">The name the rule is registered under, such as <c>plan</c>.</param>
    /// <param name="parameters">The rule's parameters; omitted or undefined means JSON <c>null</c>. The value is copied.</param>
    public CustomRule(string name, JsonElement parameters = default)
    {
        Name = name;
        Parameters = parameters.ValueKind == JsonValueKind.Undefined ? JsonNull : parameters.Clone();
    }

    /// <summary>
    /// Gets the name the rule is registered under (<see cref="FeatureTogglesBuilder.AddToggleRule{TRule}(string)"/>).
    /// </summary>
    public string Name { get; }

    /// <summary>
    /// Gets the rule's parameters, as stored with the flag.
    /// </summary>
    public JsonElement Parameters { get; }

    /// <summary>
    /// Returns a reference to a rule with parameters given as JSON text, such as <c>{"plans":["pro"]}</c>.
    /// </summary>
    /// <param name="name">The name the rule is registered under.</param>
    /// <param name="parametersJson">The parameters as JSON text.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parametersJson"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="parametersJson"/> is not valid JSON.</exception>
    public static CustomRule FromJson(string name, string parametersJson)
    {
        ArgumentNullException.ThrowIfNull(parametersJson);
        try
        {
            using var document = JsonDocument.Parse(parametersJson);
            return new CustomRule(name, document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The parameters of custom rule '{name}' are not valid JSON: {ex.Message}", nameof(parametersJson), ex);
        }
    }

    /// <summary>
    /// Returns whether the other reference names the same rule with equal parameters (compared as JSON values).
    /// </summary>
    /// <param name="other">The other reference.</param>
    /// <returns><see langword="true"/> when both are equal.</returns>
    public bool Equals(CustomRule? other)
        => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal) && JsonElement.DeepEquals(Parameters, other.Parameters);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name ?? string.Empty);

    /// <summary>
    /// Returns the rule as <c>name {parameters}</c> on one line, such as <c>plan {"plans":["pro"]}</c>; <c>name</c> alone without parameters.
    /// </summary>
    /// <returns>The text.</returns>
    public override string ToString() => Parameters.ValueKind == JsonValueKind.Null ? Name : $"{Name} {ParametersText}";

    /// <summary>Gets the parameters as compact JSON on one line, whatever their stored layout.</summary>
    internal string ParametersText
    {
        get
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                Parameters.WriteTo(writer);
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }
}
