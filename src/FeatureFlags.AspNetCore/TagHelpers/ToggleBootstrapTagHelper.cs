using System.Text;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// <c>&lt;toggle-bootstrap /&gt;</c> writes the caller's client toggle state, the same JSON as the state endpoint
/// (<c>{"toggles":{"name":true,...}}</c>), into the page as
/// <c>&lt;script type="application/json" id="featureflags-state"&gt;</c>, so a front end reads it before its first
/// request: <c>JSON.parse(document.getElementById("featureflags-state").textContent)</c>. The element is a data
/// block, never executed, so it needs no nonce or hash under a Content-Security-Policy; <c>&lt;</c>, <c>&gt;</c> and
/// <c>&amp;</c> are escaped in the JSON so it cannot end the element.
/// </summary>
[HtmlTargetElement("toggle-bootstrap", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ToggleBootstrapTagHelper : TagHelper
{
    /// <summary>
    /// The element id used when none is given.
    /// </summary>
    public const string DefaultElementId = "featureflags-state";

    /// <summary>
    /// Gets or sets the element's id.
    /// </summary>
    /// <value>The default value is <see cref="DefaultElementId"/>.</value>
    [HtmlAttributeName("id")]
    public string Id { get; set; } = DefaultElementId;

    /// <summary>
    /// Gets or sets the view context, set by Razor.
    /// </summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var json = ToggleStateJson.Write(ViewContext.HttpContext.GetClientToggleState());
        output.TagName = "script";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("type", "application/json");
        output.Attributes.SetAttribute("id", Id);
        output.Content.SetHtmlContent(Encoding.UTF8.GetString(json.WrittenSpan));
    }
}
