using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Lets requests to an MVC controller, action or Razor Page through only while a toggle is on (or, with
/// <see cref="Negate"/>, off). A closed gate answers 404 unless an <see cref="IToggleGateHandler"/> is registered.
/// </summary>
/// <remarks>
/// The toggle middleware enforces the gate from endpoint metadata; the attribute also enforces it as a resource filter,
/// so the gate holds even in a pipeline without the middleware.
/// </remarks>
/// <example><code>[ToggleGate("reports.new_dashboard")] public sealed class DashboardController : Controller { ... }</code></example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class ToggleGateAttribute : Attribute, IToggleGateMetadata, IAsyncResourceFilter
{
    /// <summary>
    /// Initializes a new instance of the <see cref="ToggleGateAttribute"/> class.
    /// </summary>
    /// <param name="toggle">The full name of a declared toggle, such as <c>reports.new_dashboard</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="toggle"/> is not a full toggle name (<c>namespace.name</c>).</exception>
    public ToggleGateAttribute(string toggle)
    {
        ToggleNames.ValidateFullName(toggle, nameof(toggle));
        ToggleName = toggle;
    }

    /// <inheritdoc/>
    public string ToggleName { get; }

    /// <summary>
    /// Gets or sets a value indicating whether the gate opens while the toggle is off instead of on, for example for
    /// the old version of a page that the toggle replaces.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Negate { get; set; }

    /// <inheritdoc/>
    public bool RequiredState => !Negate;

    /// <inheritdoc/>
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!await ToggleGates.PassAsync(context.HttpContext).ConfigureAwait(false))
        {
            context.Result = new EmptyResult();
            return;
        }

        await next().ConfigureAwait(false);
    }
}
