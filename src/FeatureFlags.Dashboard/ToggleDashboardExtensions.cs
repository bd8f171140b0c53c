using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FeatureFlags.Dashboard;

/// <summary>
/// Registers and maps the toggle dashboard.
/// </summary>
public static class ToggleDashboardExtensions
{
    /// <summary>
    /// Adds what the dashboard needs (its options and antiforgery). Call <c>AddAspNetCore()</c> too, and map the
    /// dashboard with <see cref="MapToggleDashboard"/>.
    /// </summary>
    /// <param name="builder">The toggles builder from <c>AddFeatureToggles()</c>.</param>
    /// <param name="configure">Configures the options; optional.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static FeatureTogglesBuilder AddToggleDashboard(this FeatureTogglesBuilder builder, Action<ToggleDashboardOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<ToggleDashboardOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.AddAntiforgery();
        builder.Services.AddAuthorization();
        return builder;
    }

    /// <summary>
    /// Maps the dashboard under <paramref name="pattern"/>, every page behind the authorization policy
    /// <paramref name="policyName"/>. Changes go through <see cref="IToggleAdmin"/> as the signed-in user, so each
    /// toggle's editor roles, validation, versions and audit are those of the CLI and the HTTP API.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="pattern">The route prefix, such as <c>/toggles</c>.</param>
    /// <param name="policyName">The authorization policy every page requires; it must be defined.</param>
    /// <returns>The group's builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="pattern"/> or <paramref name="policyName"/> is null or white space.</exception>
    /// <exception cref="InvalidOperationException">
    /// The policy is not defined, <see cref="AddToggleDashboard"/> was not called, or the options are invalid; the
    /// message says which.
    /// </exception>
    public static RouteGroupBuilder MapToggleDashboard(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern, string policyName)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (string.IsNullOrWhiteSpace(policyName))
        {
            throw new ArgumentException(
                "The toggle dashboard changes production state: name the authorization policy its users must meet (MapToggleDashboard(\"/toggles\", \"toggle-admins\")). It will not be mapped without one.",
                nameof(policyName));
        }

        var services = endpoints.ServiceProvider;
        var options = services.GetService<IOptions<ToggleDashboardOptions>>()?.Value;
        if (options is null || services.GetService<IAntiforgery>() is null)
        {
            throw new InvalidOperationException("Call services.AddFeatureToggles()...AddToggleDashboard() before MapToggleDashboard.");
        }

        var problems = options.Problems().ToList();
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        foreach (var policy in new[] { policyName, options.EditPolicy }.OfType<string>())
        {
            if (policies.GetPolicyAsync(policy).GetAwaiter().GetResult() is null)
            {
                problems.Add($"The authorization policy '{policy}' is not defined; add it with AddAuthorizationBuilder().AddPolicy(\"{policy}\", ...).");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The toggle dashboard cannot be mapped: " + string.Join(" ", problems));
        }

        var mount = new DashboardMount(pattern, options, services.GetRequiredService<IHostEnvironment>());
        var group = endpoints.MapGroup(pattern).RequireAuthorization(policyName).ExcludeFromDescription();
        group.MapGet("/", (HttpContext http, CancellationToken ct) => GuardAsync(http, mount, () => ListPage.GetAsync(http, mount, ct)));
        group.MapGet("/t/{name}", (HttpContext http, string name, CancellationToken ct) => GuardAsync(http, mount, () => TogglePage.GetAsync(http, mount, name, ct)));
        group.MapPost("/t/{name}/switch", (HttpContext http, string name, CancellationToken ct) => GuardAsync(http, mount, () => DashboardActions.SwitchAsync(http, mount, name, ct)));
        group.MapPost("/t/{name}/flag", (HttpContext http, string name, CancellationToken ct) => GuardAsync(http, mount, () => DashboardActions.FlagAsync(http, mount, name, ct)));
        group.MapPost("/t/{name}/override", (HttpContext http, string name, CancellationToken ct) => GuardAsync(http, mount, () => DashboardActions.OverrideAsync(http, mount, name, ct)));
        group.MapPost("/t/{name}/overrides/bulk", (HttpContext http, string name, CancellationToken ct) => GuardAsync(http, mount, () => DashboardActions.BulkOverridesAsync(http, mount, name, ct)));
        group.MapPost("/t/{name}/group", (HttpContext http, string name, CancellationToken ct) => GuardAsync(http, mount, () => ReleaseActions.GroupAsync(http, mount, name, ct)));
        group.MapPost("/t/{name}/prerequisites", (HttpContext http, string name, CancellationToken ct) => GuardAsync(http, mount, () => ReleaseActions.PrerequisitesAsync(http, mount, name, ct)));
        group.MapPost("/t/{name}/revert", (HttpContext http, string name, CancellationToken ct) => GuardAsync(http, mount, () => ReleaseActions.RevertAsync(http, mount, name, ct)));
        group.MapPost("/t/{name}/delete", (HttpContext http, string name, CancellationToken ct) => GuardAsync(http, mount, () => DashboardActions.DeleteAsync(http, mount, name, ct)));
        group.MapGet("/check", (HttpContext http, CancellationToken ct) => GuardAsync(http, mount, () => CheckPage.GetAsync(http, mount)));
        group.MapGet("/debt", (HttpContext http, CancellationToken ct) => GuardAsync(http, mount, () => DebtPage.GetAsync(http, mount, ct)));
        group.MapGet("/transfer", (HttpContext http, CancellationToken ct) => GuardAsync(http, mount, () => TransferPage.GetAsync(http, mount)));
        group.MapGet("/export", (HttpContext http, CancellationToken ct) => GuardAsync(http, mount, () => TransferPage.ExportAsync(http, mount, ct)));
        group.MapPost("/import", (HttpContext http, CancellationToken ct) => GuardAsync(http, mount, () => TransferPage.ImportAsync(http, mount, ct)));
        group.MapGet("/_assets/dashboard.css", DashboardAssets.Stylesheet);
        return group;
    }

    /// <summary>
    /// Runs a page; a store that cannot be reached answers 503 with <c>Retry-After</c> and says so, never a 500.
    /// </summary>
    private static async Task<IResult> GuardAsync(HttpContext http, DashboardMount mount, Func<Task<IResult>> page)
    {
        try
        {
            return await page().ConfigureAwait(false);
        }
        catch (Exception ex) when (ToggleErrors.Classify(ex) == ToggleErrorCode.StoreUnavailable)
        {
            var request = await DashboardRequest.CreateAsync(http, mount).ConfigureAwait(false);
            http.Response.Headers.RetryAfter = "5";
            var body = new Html().Raw("<h1>Toggle store unavailable</h1>")
                .Notice($"The toggle store cannot be used right now ({ex.Message}). Nothing was changed; reload in a few seconds. The application keeps serving the last state it knew.", problem: true);
            return Layout.Page(request, "Store unavailable", "list", body, StatusCodes.Status503ServiceUnavailable);
        }
    }
}
