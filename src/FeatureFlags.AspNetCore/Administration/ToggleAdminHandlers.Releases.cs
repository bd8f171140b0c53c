using Microsoft.AspNetCore.Http;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// The admin API's release writes: a group's state, a toggle's prerequisites and a revert to an audited version. Like
/// every write they read the body strictly, name the version they were based on (<c>If-Match</c>) and go through
/// <see cref="IToggleAdmin"/> as the authenticated user.
/// </summary>
internal static partial class ToggleAdminHandlers
{
    public static Task<IResult> SetGroupAsync(HttpContext httpContext, IToggleAdmin admin, IToggleRegistry registry, FeatureFlags.Storage.IToggleStore store, string toggle, CancellationToken cancellationToken)
        => AsEditorOfDeclaredAsync(httpContext, registry, toggle, async actor =>
        {
            var change = await AdminRequestBody.ReadAsync<GroupChangeRequest>(httpContext, Options(httpContext).MaxAdminRequestBodySize, cancellationToken).ConfigureAwait(false);
            var schedule = Schedule(change.ActiveFrom, change.ActiveUntil);
            return await WriteAsync(httpContext, store, toggle, expected => admin.SetGroupAsync(toggle, change.Enabled, actor, change.Reason, expected, schedule, cancellationToken), cancellationToken).ConfigureAwait(false);
        });

    public static Task<IResult> SetPrerequisitesAsync(HttpContext httpContext, IToggleAdmin admin, IToggleRegistry registry, FeatureFlags.Storage.IToggleStore store, string toggle, CancellationToken cancellationToken)
        => AsEditorOfDeclaredAsync(httpContext, registry, toggle, async actor =>
        {
            var change = await AdminRequestBody.ReadAsync<PrerequisitesChangeRequest>(httpContext, Options(httpContext).MaxAdminRequestBodySize, cancellationToken).ConfigureAwait(false);
            if (change.Prerequisites is not { } list)
            {
                throw Invalid("The body must hold 'prerequisites': a list of {\"toggle\": \"namespace.name\", \"enabled\": true}, or [] to remove them all.");
            }

            var prerequisites = list.Select((p, i) => p?.Toggle is { Length: > 0 } name
                ? new TogglePrerequisite(name, p.Enabled)
                : throw Invalid($"Prerequisite {i} has no 'toggle'.")).ToList();
            return await WriteAsync(httpContext, store, toggle, async expected => await admin.SetPrerequisitesAsync(toggle, prerequisites, actor, change.Reason, expected, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        });

    public static Task<IResult> RevertAsync(HttpContext httpContext, IToggleAdmin admin, IToggleRegistry registry, FeatureFlags.Storage.IToggleStore store, string toggle, CancellationToken cancellationToken)
        => AsEditorOfDeclaredAsync(httpContext, registry, toggle, async actor =>
        {
            var change = await AdminRequestBody.ReadAsync<RevertRequest>(httpContext, Options(httpContext).MaxAdminRequestBodySize, cancellationToken).ConfigureAwait(false);
            if (change.ToVersion is not { } version || version < 1)
            {
                throw Invalid("The body must hold 'toVersion': the audited version to go back to, 1 or more (GET .../history lists them).");
            }

            return await WriteAsync(httpContext, store, toggle, expected => admin.RevertAsync(toggle, version, actor, change.Reason, expected, cancellationToken), cancellationToken).ConfigureAwait(false);
        });
}
