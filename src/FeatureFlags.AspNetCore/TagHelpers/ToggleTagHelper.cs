using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// <c>&lt;toggle name="ns.name"&gt;…&lt;/toggle&gt;</c> renders its content only while the toggle is on for the
/// request (with <c>negate="true"</c>, only while it is off); the <c>toggle</c> element itself is never written.
/// A course flag is evaluated for <c>course="…"</c>, an organisation flag for <c>org="…"</c>, else for the route's
/// course or organisation, as gates and the state endpoint do. Register with
/// <c>@addTagHelper *, FeatureFlags.AspNetCore</c>.
/// </summary>
[HtmlTargetElement("toggle", Attributes = NameAttribute)]
public sealed class ToggleTagHelper : TagHelper
{
    private const string NameAttribute = "name";

    /// <summary>
    /// Gets or sets the toggle's full name, <c>namespace.name</c>. A name that is not declared fails the render.
    /// </summary>
    [HtmlAttributeName(NameAttribute)]
    public string Name { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets a value indicating whether the content renders while the toggle is off instead.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    [HtmlAttributeName("negate")]
    public bool Negate { get; set; }

    /// <summary>
    /// Gets or sets the course a course flag is evaluated for; only for course flags.
    /// </summary>
    [HtmlAttributeName("course")]
    public string? Course { get; set; }

    /// <summary>
    /// Gets or sets the organisation an organisation flag is evaluated for; only for organisation flags.
    /// </summary>
    [HtmlAttributeName("org")]
    public string? Organization { get; set; }

    /// <summary>
    /// Gets or sets the view context, set by Razor.
    /// </summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The toggle is not declared, or <c>course</c> or <c>org</c> does not fit its type.</exception>
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var httpContext = ViewContext.HttpContext;
        var services = httpContext.RequestServices;
        if (!services.GetRequiredService<IToggleRegistry>().TryGet(Name ?? string.Empty, out var toggle))
        {
            throw new InvalidOperationException($"<toggle name=\"{Name}\">: no toggle of that name is declared.");
        }

        var toggles = services.GetRequiredService<IToggles>();
        var enabled = (toggle, Course, Organization) switch
        {
            (CourseFlag course, { } courseKey, null) => toggles.IsEnabled(course, courseKey),
            (OrgFlag org, null, { } organization) => toggles.IsEnabled(org, organization),
            (_, null, null) => ToggleRequests.IsEnabled(toggles, ToggleRequests.GetFeature(httpContext), toggle, out _),
            _ => throw new InvalidOperationException(
                $"<toggle name=\"{Name}\">: 'course' is for course flags and 'org' for organisation flags; '{toggle.FullName}' is a {toggle.Kind}."),
        };

        output.TagName = null;
        if (enabled == Negate)
        {
            output.SuppressOutput();
        }
    }
}
