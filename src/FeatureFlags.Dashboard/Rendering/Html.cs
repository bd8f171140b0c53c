using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace FeatureFlags.Dashboard;

/// <summary>
/// Builds a page. Every piece of text that did not come from this assembly goes through <see cref="E"/>, so names,
/// descriptions, reasons and subjects render inert whatever they contain.
/// </summary>
internal sealed class Html
{
    private readonly StringBuilder _builder = new(16 * 1024);

    /// <summary>HTML-encodes text (also safe inside double-quoted attribute values).</summary>
    public static string E(string? text) => string.IsNullOrEmpty(text) ? string.Empty : HtmlEncoder.Default.Encode(text);

    /// <summary>Encodes a value for a URL query or path segment.</summary>
    public static string U(string? text) => Uri.EscapeDataString(text ?? string.Empty);

    public static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Appends markup that this assembly wrote; interpolated text must already be encoded.</summary>
    public Html Raw(string markup)
    {
        _builder.Append(markup);
        return this;
    }

    /// <summary>Appends text, encoded.</summary>
    public Html Text(string? text)
    {
        _builder.Append(E(text));
        return this;
    }

    /// <summary>Appends a hidden field.</summary>
    public Html Hidden(string name, string? value) => Raw($"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">");

    /// <summary>Appends the state of a toggle as text with a colour class (never colour alone).</summary>
    public Html State(string state) => Raw($"<b class={state switch { "on" => "on", "off" => "off", _ => "cond" }}>{E(state)}</b>");

    public override string ToString() => _builder.ToString();
}
