using System.Text.Json;
using FeatureFlags.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// The admin API's handlers. Each write names the authenticated user as the actor and goes through <see cref="IToggleAdmin"/>.
/// </summary>
internal static class ToggleAdminHandlers
{
    public static async Task<IResult> ListAsync(IToggleRegistry registry, IToggleReporter reporter, CancellationToken cancellationToken)
    {
        var report = await reporter.CreateReportAsync(cancellationToken).ConfigureAwait(false);
        var entries = report.Entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
        var list = registry.Toggles
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => new
            {
                name = t.FullName,
                kind = t.Kind.ToString(),
                description = t.Metadata.Description,
                owner = t.Metadata.Owner,
                defaultValue = t.Metadata.DefaultValue,
                exposeToClients = t.Metadata.ExposeToClients,
                editorRoles = t.Metadata.EditorRoles,
                createdOn = t.Metadata.CreatedOn,
                targetRemovalOn = t.Metadata.TargetRemovalOn,
                currentSettings = entries.GetValueOrDefault(t.FullName)?.CurrentSettings,
                status = entries.GetValueOrDefault(t.FullName)?.Status.ToString().ToLowerInvariant(),
            });
        return TypedResults.Ok(list);
    }

    public static async Task<IResult> ReportAsync(IToggleReporter reporter, string? format, CancellationToken cancellationToken)
    {
        var report = await reporter.CreateReportAsync(cancellationToken).ConfigureAwait(false);
        return (format ?? "json").ToLowerInvariant() switch
        {
            "json" => TypedResults.Text(report.ToJson(), "application/json"),
            "csv" => TypedResults.Text(report.ToCsv(), "text/csv"),
            "markdown" or "md" => TypedResults.Text(report.ToMarkdown(), "text/markdown"),
            _ => BadRequest($"Unknown report format '{format}'; use json, csv or markdown."),
        };
    }

    public static async Task<IResult> LintAsync(IToggleReporter reporter, CancellationToken cancellationToken)
    {
        var findings = await reporter.LintAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(findings.Select(f => new
        {
            toggle = f.Toggle,
            rule = f.Rule,
            severity = f.Severity.ToString().ToLowerInvariant(),
            message = f.Message,
            fixHint = f.FixHint,
        }));
    }

    public static async Task<IResult> ExportAsync(IToggleStateTransfer transfer, CancellationToken cancellationToken)
        => TypedResults.Text(await transfer.ExportAsync(cancellationToken).ConfigureAwait(false), "application/json");

    public static Task<IResult> ImportAsync(HttpContext httpContext, IToggleStateTransfer transfer, JsonElement document, bool? dryRun, bool? deleteMissing, string? reason, CancellationToken cancellationToken)
        => AsActorAsync(httpContext, async actor =>
        {
            var result = await transfer.ImportAsync(
                document.GetRawText(),
                new ToggleImportOptions { Actor = actor, DryRun = dryRun ?? true, DeleteMissing = deleteMissing ?? false, Reason = reason ?? "import over HTTP" },
                cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new
            {
                applied = result.Applied,
                changes = result.Changes.Select(c => new { key = c.Key, kind = c.Kind.ToString().ToLowerInvariant(), before = c.Before, after = c.After }),
                problems = result.Problems.Select(p => new { key = p.Key, severity = p.Severity.ToString().ToLowerInvariant(), message = p.Message }),
            });
        });

    public static Task<IResult> HistoryAsync(HttpContext httpContext, IToggleAdmin admin, string toggle, CancellationToken cancellationToken)
        => AsActorAsync(httpContext, async _ =>
        {
            var history = await admin.GetHistoryAsync(toggle, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(history.Select(e => new
            {
                key = e.Key,
                action = e.Action.ToString().ToLowerInvariant(),
                before = e.Before,
                after = e.After,
                actor = e.Actor,
                reason = e.Reason,
                at = e.At,
                version = e.Version,
            }));
        });

    public static Task<IResult> SetSwitchAsync(HttpContext httpContext, IToggleAdmin admin, IToggleRegistry registry, string toggle, SwitchChangeRequest change, CancellationToken cancellationToken)
        => AsEditorOfDeclaredAsync(httpContext, registry, toggle, async actor =>
        {
            if (change.Enabled is not { } enabled)
            {
                return BadRequest("The body must hold 'enabled': true or false.");
            }

            var record = await admin.SetSwitchAsync(toggle, enabled, actor, change.Reason, cancellationToken: cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(Describe(record));
        });

    public static Task<IResult> SetFlagAsync(HttpContext httpContext, IToggleAdmin admin, IToggleRegistry registry, string toggle, FlagChangeRequest change, CancellationToken cancellationToken)
        => AsEditorOfDeclaredAsync(httpContext, registry, toggle, async actor =>
        {
            if (change.Rules is null)
            {
                return BadRequest("The body must hold 'rules'.");
            }

            change.Rules.Validate();
            var record = await admin.SetFlagAsync(toggle, change.Rules, actor, change.Reason, cancellationToken: cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(Describe(record));
        });

    public static Task<IResult> SetOverrideAsync(HttpContext httpContext, IToggleAdmin admin, IToggleRegistry registry, string toggle, OverrideChangeRequest change, CancellationToken cancellationToken)
        => AsEditorOfDeclaredAsync(httpContext, registry, toggle, async actor =>
        {
            if (!Enum.TryParse<OverrideLevel>(change.Level, ignoreCase: true, out var level) || !Enum.IsDefined(level) || int.TryParse(change.Level, out _))
            {
                return BadRequest($"Unknown override level '{change.Level}'; use site, course or organization.");
            }

            if (string.IsNullOrWhiteSpace(change.Subject))
            {
                return BadRequest("The override's subject (site, course key or organisation) must not be empty.");
            }

            var record = await admin.SetOverrideAsync(toggle, level, change.Subject, change.Enabled, actor, change.Reason, cancellationToken: cancellationToken).ConfigureAwait(false);
            return record is null ? TypedResults.NoContent() : TypedResults.Ok(Describe(record));
        });

    public static Task<IResult> DeleteAsync(HttpContext httpContext, IToggleAdmin admin, string toggle, string? reason, CancellationToken cancellationToken)
        => AsActorAsync(httpContext, async actor =>
        {
            var deleted = await admin.DeleteAsync(toggle, actor, reason, cancellationToken: cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new { deleted });
        });

    /// <summary>
    /// Runs a change of a declared toggle as the authenticated user; an undeclared name is 404.
    /// </summary>
    private static Task<IResult> AsEditorOfDeclaredAsync(HttpContext httpContext, IToggleRegistry registry, string toggle, Func<ToggleActor, Task<IResult>> change)
        => registry.TryGet(toggle, out _) ? AsActorAsync(httpContext, change) : Task.FromResult<IResult>(Undeclared(toggle));

    /// <summary>
    /// Runs an admin operation as the authenticated user and turns the admin path's exceptions into problem details.
    /// </summary>
    private static async Task<IResult> AsActorAsync(HttpContext httpContext, Func<ToggleActor, Task<IResult>> operation)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<FeatureTogglesHttpOptions>>().Value;
        var actor = ToggleActors.FromUser(httpContext.User, options);
        if (actor is null)
        {
            return TypedResults.Problem(
                title: "No acting user",
                detail: "The admin API needs an authenticated user with a name or id claim, to record in the audit.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        try
        {
            return await operation(actor).ConfigureAwait(false);
        }
        catch (Exception ex) when (ToggleErrors.Classify(ex) is { } code)
        {
            Failed(httpContext, actor, ex);
            return ToggleProblems.From(httpContext, code, ex);
        }
    }

    private static void Failed(HttpContext httpContext, ToggleActor actor, Exception exception)
    {
        var logger = httpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ToggleAdminHandlers).FullName!);
        Log.AdminRequestFailed(logger, actor.Name, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
    }

    private static object Describe(ToggleRecord record)
    {
        using var value = JsonDocument.Parse(record.Value);
        return new { key = record.Key, value = value.RootElement.Clone(), version = record.Version, modifiedAt = record.ModifiedAt, modifiedBy = record.ModifiedBy };
    }

    private static ProblemHttpResult BadRequest(string detail)
        => TypedResults.Problem(title: "Invalid toggle request", detail: detail, statusCode: StatusCodes.Status400BadRequest);

    private static ProblemHttpResult Undeclared(string toggle)
        => TypedResults.Problem(
            title: "Unknown toggle",
            detail: $"No toggle named '{toggle}' is declared. Only declared toggles can be changed here; an orphan's stored state can be deleted.",
            statusCode: StatusCodes.Status404NotFound);
}
