using FeatureFlags.AspNetCore;
using Microsoft.AspNetCore.Mvc;

namespace FeatureFlags.Samples.Web.Controllers;

/// <summary>
/// MVC gating: the new reports exist only while <c>storefront.new_reports</c> is on; the legacy ones only while it is off.
/// </summary>
[ApiController]
[Route("reports")]
public sealed class ReportsController : ControllerBase
{
    [HttpGet]
    [ToggleGate("storefront.new_reports")]
    public IActionResult New() => Ok(new { report = "new", rows = 3 });

    [HttpGet("legacy")]
    [ToggleGate("storefront.new_reports", Negate = true)]
    public IActionResult Legacy() => Ok(new { report = "legacy", rows = 3 });
}
