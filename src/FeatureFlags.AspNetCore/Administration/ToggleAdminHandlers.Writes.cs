using FeatureFlags.Storage;
using Microsoft.AspNetCore.Http;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// The admin API's write handlers. Each reads its body strictly (<see cref="AdminRequestBody"/>), names the version it
/// was based on (<see cref="AdminPreconditions"/>) and goes through <see cref="IToggleAdmin"/> as the authenticated user.
/// </summary>
internal static partial class ToggleAdminHandlers
{
    public static Task<IResult> SetSwitchAsync(HttpContext httpContext, IToggleAdmin admin, IToggleRegistry registry, IToggleStore store, string toggle, CancellationToken cancellationToken)
        => AsEditorOfDeclaredAsync(httpContext, registry, toggle, async actor =>
        {
            var change = await AdminRequestBody.ReadAsync<SwitchChangeRequest>(httpContext, Options(httpContext).MaxAdminRequestBodySize, cancellationToken).ConfigureAwait(false);
            if (change.Enabled is not { } enabled)
            {
                throw Invalid("The body must hold 'enabled': true or false.");
            }

            var schedule = Schedule(change.ActiveFrom, change.ActiveUntil);
            return await WriteAsync(httpContext, store, toggle, async expected => await admin.SetSwitchAsync(toggle, enabled, actor, change.Reason, expected, schedule, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        });

    public static Task<IResult> SetFlagAsync(HttpContext httpContext, IToggleAdmin admin, IToggleRegistry registry, IToggleStore store, string toggle, CancellationToken cancellationToken)
        => AsEditorOfDeclaredAsync(httpContext, registry, toggle, async actor =>
        {
            var change = await AdminRequestBody.ReadAsync<FlagChangeRequest>(httpContext, Options(httpContext).MaxAdminRequestBodySize, cancellationToken).ConfigureAwait(false);
            if (change.Rules is not { } rules)
            {
                throw Invalid("The body must hold 'rules'.");
            }

            // "clear": true asks for rules that match nobody on purpose.
            if (change.Clear is true)
            {
                rules = rules with { MatchNobody = true };
            }

            var schedule = Schedule(change.ActiveFrom, change.ActiveUntil);
            return await WriteAsync(httpContext, store, toggle, async expected => await admin.SetFlagAsync(toggle, rules, actor, change.Reason, expected, schedule, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        });

    public static Task<IResult> SetOverrideAsync(HttpContext httpContext, IToggleAdmin admin, IToggleRegistry registry, IToggleStore store, string toggle, CancellationToken cancellationToken)
        => AsEditorOfDeclaredAsync(httpContext, registry, toggle, async actor =>
        {
            var change = await AdminRequestBody.ReadAsync<OverrideChangeRequest>(httpContext, Options(httpContext).MaxAdminRequestBodySize, cancellationToken).ConfigureAwait(false);
            var level = ParseLevel(change.Level);

            if (string.IsNullOrWhiteSpace(change.Subject))
            {
                throw Invalid("The override's subject (site, course key or organisation) must not be empty.");
            }

            var schedule = Schedule(change.ActiveFrom, change.ActiveUntil);
            var key = ToggleKeys.ForOverride(toggle, level, ToggleWriteRules.NormalizeSubject(level, change.Subject));
            return await WriteAsync(httpContext, store, key, expected => admin.SetOverrideAsync(toggle, level, change.Subject, change.Enabled, actor, change.Reason, expected, schedule, cancellationToken), cancellationToken).ConfigureAwait(false);
        });

    public static Task<IResult> DeleteAsync(HttpContext httpContext, IToggleAdmin admin, IToggleStore store, string toggle, string? reason, CancellationToken cancellationToken)
        => AsActorAsync(httpContext, async actor =>
        {
            var hasVersion = AdminPreconditions.TryReadExpectedVersion(httpContext, Options(httpContext).RequireIfMatch, out var expected);
            try
            {
                var deleted = await admin.DeleteAsync(toggle, actor, reason, expected, cancellationToken).ConfigureAwait(false);
                return TypedResults.Ok(new { deleted });
            }
            catch (ToggleConflictException) when (hasVersion)
            {
                return await StaleAsync(httpContext, store, toggle, cancellationToken).ConfigureAwait(false);
            }
        });

    public static Task<IResult> ImportAsync(HttpContext httpContext, IToggleStateTransfer transfer, string? dryRun, string? deleteMissing, string? reason, CancellationToken cancellationToken)
        => AsActorAsync(httpContext, async actor =>
        {
            var dry = QueryFlag(dryRun, "dryRun", fallback: true);
            var deletes = QueryFlag(deleteMissing, "deleteMissing", fallback: false);

            // Applying names the plan of the dry run that was reviewed (its ETag), so a change made since is not undone.
            string? plan = null;
            if (!dry)
            {
                var ifMatch = httpContext.Request.Headers.IfMatch.ToString().Trim();
                if (ifMatch.Length == 0 && Options(httpContext).RequireIfMatch)
                {
                    throw new AdminPreconditions.PreconditionRequiredException(
                        "Applying an import needs an If-Match header with the ETag of the dry run you reviewed (POST the same document with dryRun=true first), or * to apply whatever the differences are now.");
                }

                plan = ifMatch.Length == 0 || ifMatch == "*" ? null : ifMatch.Trim('"');
            }

            var document = await AdminRequestBody.ReadTextAsync(httpContext, Options(httpContext).MaxAdminRequestBodySize, cancellationToken).ConfigureAwait(false);
            ToggleImportResult result;
            try
            {
                result = await transfer.ImportAsync(
                    document,
                    new ToggleImportOptions { Actor = actor, DryRun = dry, DeleteMissing = deletes, Reason = reason ?? "import over HTTP", ExpectedPlan = plan },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (ToggleException ex) when (ex.Code == ToggleErrorCode.Conflict && plan is not null)
            {
                return TypedResults.Problem(title: "Stale dry run", detail: ex.Message, statusCode: StatusCodes.Status412PreconditionFailed, extensions: new Dictionary<string, object?> { ["code"] = nameof(ToggleErrorCode.Conflict) });
            }

            httpContext.Response.Headers.ETag = "\"" + result.Plan + "\"";
            var body = new
            {
                applied = result.Applied,
                plan = result.Plan,
                changes = result.Changes.Select(c => new { key = c.Key, kind = c.Kind.ToString().ToLowerInvariant(), before = c.Before, after = c.After }),
                problems = result.Problems.Select(p => new { key = p.Key, severity = p.Severity.ToString().ToLowerInvariant(), message = p.Message, code = p.Code?.ToString() }),
            };
            if (dry || result.Applied)
            {
                return TypedResults.Ok(body);
            }

            // Refused as a whole: the worst problem decides the status, and the body lists every problem.
            return TypedResults.Json(body, statusCode: ToggleProblems.StatusCode(ToggleErrors.Worst(result.Problems) ?? ToggleErrorCode.InvalidRequest));
        });

    /// <summary>Reads an override level: site, course, or organization (also spelt organisation or org).</summary>
    public static OverrideLevel ParseLevel(string? level) => level?.ToLowerInvariant() switch
    {
        "site" => OverrideLevel.Site,
        "course" => OverrideLevel.Course,
        "organization" or "organisation" or "org" => OverrideLevel.Organization,
        _ => throw Invalid($"Unknown override level '{TextRules.Escape(level)}'; use site, course or organization (or org)."),
    };

    /// <summary>
    /// Reads <c>activeFrom</c>/<c>activeUntil</c>: ISO 8601 instants with <c>Z</c> or an offset, stored in UTC. A local
    /// time, or anything else, is 400 naming the property.
    /// </summary>
    private static ToggleSchedule? Schedule(string? activeFrom, string? activeUntil)
        => ScheduleText.Parse(activeFrom, activeUntil, "activeFrom", "activeUntil");

    /// <summary>
    /// Runs a write that names the version it expects: from <c>If-Match</c>, or none where the host allows that. A stale
    /// version is 412 with the current state; success returns the new record with its <c>ETag</c>.
    /// </summary>
    private static async Task<IResult> WriteAsync(HttpContext httpContext, IToggleStore store, string key, Func<long?, ValueTask<ToggleRecord?>> write, CancellationToken cancellationToken)
    {
        var hasVersion = AdminPreconditions.TryReadExpectedVersion(httpContext, Options(httpContext).RequireIfMatch, out var expected);
        ToggleRecord? record;
        try
        {
            record = await write(expected).ConfigureAwait(false);
        }
        catch (ToggleConflictException) when (hasVersion)
        {
            return await StaleAsync(httpContext, store, key, cancellationToken).ConfigureAwait(false);
        }

        if (record is null)
        {
            AdminPreconditions.SetETag(httpContext, 0);
            return TypedResults.NoContent();
        }

        AdminPreconditions.SetETag(httpContext, record.Version);
        return TypedResults.Ok(Describe(record));
    }

    /// <summary>412 Precondition Failed, with the state as it is now so the client can show what changed.</summary>
    private static async Task<IResult> StaleAsync(HttpContext httpContext, IToggleStore store, string key, CancellationToken cancellationToken)
    {
        var current = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        AdminPreconditions.SetETag(httpContext, AdminPreconditions.VersionOf(current));
        return TypedResults.Problem(
            title: "Stale version",
            detail: $"'{key}' changed since it was read (If-Match {httpContext.Request.Headers.IfMatch}); it is now at version {AdminPreconditions.VersionOf(current)}. Nothing was changed: read it again and decide.",
            statusCode: StatusCodes.Status412PreconditionFailed,
            extensions: new Dictionary<string, object?>
            {
                ["code"] = nameof(ToggleErrorCode.Conflict),
                ["current"] = current is null ? null : Describe(current),
            });
    }

    /// <summary>
    /// Runs a change of a declared toggle as the authenticated user; an undeclared name is 404.
    /// </summary>
    private static Task<IResult> AsEditorOfDeclaredAsync(HttpContext httpContext, IToggleRegistry registry, string toggle, Func<ToggleActor, Task<IResult>> change)
        => registry.TryGet(toggle, out _) ? AsActorAsync(httpContext, change) : Task.FromResult<IResult>(Undeclared(httpContext, toggle));

    private static ToggleException Invalid(string message) => new(ToggleErrorCode.InvalidRequest, message);
}
