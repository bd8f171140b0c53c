using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Maps the admin HTTP API over <see cref="IToggleAdmin"/>, <see cref="IToggleReporter"/> and
/// <see cref="IToggleStateTransfer"/>.
/// </summary>
public static class ToggleAdminEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the admin API under <paramref name="pattern"/>, every endpoint behind the authorization policy
    /// <paramref name="policyName"/>, which the host defines (for example: authenticated users with the role
    /// <c>toggle-admin</c>). Changes go through <see cref="IToggleAdmin"/>, so a toggle's editor roles are enforced and
    /// the audit records the authenticated user's name.
    /// </summary>
    /// <remarks>
    /// <list type="table">
    /// <item><term><c>GET /</c></term><description>declared toggles with metadata, current settings and status</description></item>
    /// <item><term><c>GET /report?format=json|csv|markdown</c></term><description>the OEP-17 report</description></item>
    /// <item><term><c>GET /lint</c></term><description>lint findings</description></item>
    /// <item><term><c>GET /export</c>, <c>POST /import?dryRun=true&amp;deleteMissing=false</c></term><description>state transfer</description></item>
    /// <item><term><c>GET /{toggle}</c></term><description>a toggle's stored rules and overrides, with each version; the rules' version is the <c>ETag</c></description></item>
    /// <item><term><c>GET /{toggle}/history?limit=100&amp;before=VERSION</c></term><description>the audit of a toggle and its overrides, newest first, one page at a time</description></item>
    /// <item><term><c>PUT /{toggle}/switch</c>, <c>PUT /{toggle}/flag</c></term><description>set a switch or a flag's rules (<c>If-Match</c>: the rules' version)</description></item>
    /// <item><term><c>PUT /{toggle}/overrides</c></term><description>set or clear (enabled: null) a site, course or organisation override (<c>If-Match</c>: the override's version)</description></item>
    /// <item><term><c>PUT /{group}/group</c></term><description>switch a release group on or off for every member, or unset it (<c>{"enabled": true|false|null}</c>; <c>If-Match</c>: the group's version)</description></item>
    /// <item><term><c>PUT /{toggle}/prerequisites</c></term><description>replace a switch's or flag's prerequisites (<c>{"prerequisites": [{"toggle": "ns.other", "enabled": true}]}</c>; a cycle is 409; <c>If-Match</c>: the rules' version)</description></item>
    /// <item><term><c>POST /{toggle}/revert</c></term><description>restore the state after an audited version as a new change (<c>{"toVersion": 3}</c>; an unknown version is 404; <c>If-Match</c>: the rules' version)</description></item>
    /// <item><term><c>DELETE /{toggle}</c></term><description>delete a toggle's stored state (step two of removing it; <c>If-Match</c>: the rules' version)</description></item>
    /// </list>
    /// Writes need <c>If-Match</c> unless <see cref="FeatureTogglesHttpOptions.RequireIfMatch"/> is off: 428 without it,
    /// 412 with the current state when it is stale. Bodies are read strictly: unknown or repeated properties are 400,
    /// bodies over <see cref="FeatureTogglesHttpOptions.MaxAdminRequestBodySize"/> are 413. Other errors are problem
    /// details: 400 invalid input, 403 missing editor role, 404 undeclared toggle, 409 concurrent change or a change refused
    /// by a rule (a prerequisite cycle, deleting a toggle others require, a revert across a change of kind), 503 (with
    /// <c>Retry-After</c>) when the store is unavailable.
    /// </remarks>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="pattern">The route prefix, such as <c>/admin/toggles</c>.</param>
    /// <param name="policyName">The authorization policy every admin endpoint requires.</param>
    /// <returns>The group's builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="pattern"/> or <paramref name="policyName"/> is null or white space.</exception>
    public static RouteGroupBuilder MapToggleAdmin(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern, string policyName)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);

        var group = endpoints.MapGroup(pattern).RequireAuthorization(policyName);
        group.MapGet("/", ToggleAdminHandlers.ListAsync);
        group.MapGet("/report", ToggleAdminHandlers.ReportAsync);
        group.MapGet("/lint", ToggleAdminHandlers.LintAsync);
        group.MapGet("/export", ToggleAdminHandlers.ExportAsync);
        group.MapPost("/import", ToggleAdminHandlers.ImportAsync);
        group.MapGet("/{toggle}", ToggleAdminHandlers.GetAsync);
        group.MapGet("/{toggle}/history", ToggleAdminHandlers.HistoryAsync);
        group.MapPut("/{toggle}/switch", ToggleAdminHandlers.SetSwitchAsync);
        group.MapPut("/{toggle}/flag", ToggleAdminHandlers.SetFlagAsync);
        group.MapPut("/{toggle}/overrides", ToggleAdminHandlers.SetOverrideAsync);
        group.MapPut("/{toggle}/group", ToggleAdminHandlers.SetGroupAsync);
        group.MapPut("/{toggle}/prerequisites", ToggleAdminHandlers.SetPrerequisitesAsync);
        group.MapPost("/{toggle}/revert", ToggleAdminHandlers.RevertAsync);
        group.MapDelete("/{toggle}", ToggleAdminHandlers.DeleteAsync);
        return group;
    }
}
