using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// The admin API's read handlers, and the wrapper that runs every handler as the authenticated user and maps failures
/// once (<see cref="ToggleProblems"/>). Writes are in <c>ToggleAdminHandlers.Writes.cs</c>.
/// </summary>
internal static partial class ToggleAdminHandlers
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
                group = t.GroupFullName,
                members = entries.GetValueOrDefault(t.FullName)?.Members ?? [],
                prerequisites = Prerequisites(entries.GetValueOrDefault(t.FullName)),
                dependants = entries.GetValueOrDefault(t.FullName)?.Dependants ?? [],
                schedules = Schedules(entries.GetValueOrDefault(t.FullName)),
            });
        return TypedResults.Ok(list);
    }

    public static Task<IResult> GetAsync(HttpContext httpContext, IToggleCatalog catalog, string toggle, CancellationToken cancellationToken)
        => AsActorAsync(httpContext, async reader =>
        {
            // The one read model: the dashboard's toggle page and `toggles show --json` show the same view.
            if (await catalog.GetAsync(toggle, cancellationToken).ConfigureAwait(false) is not { } view)
            {
                return Undeclared(httpContext, toggle);
            }

            AdminPreconditions.SetETag(httpContext, view.Version);
            return TypedResults.Text(view.ToJson(), "application/json");
        });

    public static async Task<IResult> ReportAsync(HttpContext httpContext, IToggleReporter reporter, string? format, CancellationToken cancellationToken)
    {
        var report = await reporter.CreateReportAsync(cancellationToken).ConfigureAwait(false);
        return (format ?? "json").ToLowerInvariant() switch
        {
            "json" => TypedResults.Text(report.ToJson(), "application/json"),
            "csv" => TypedResults.Text(report.ToCsv(), "text/csv"),
            "markdown" or "md" => TypedResults.Text(report.ToMarkdown(), "text/markdown"),
            _ => ToggleProblems.Problem(httpContext, ToggleErrorCode.InvalidRequest, $"Unknown report format '{format}'; use json, csv or markdown."),
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

    public static Task<IResult> HistoryAsync(HttpContext httpContext, IToggleAdmin admin, string toggle, string? limit, string? before, CancellationToken cancellationToken)
        => AsActorAsync(httpContext, async _ =>
        {
            // Parsed here, not bound, so that a bad value is a problem that names it rather than a bare 400.
            var size = QueryNumber(limit, "limit", ToggleHistoryPage.DefaultLimit, 1, ToggleHistoryPage.MaxLimit);
            long? cursor = before is null ? null : QueryNumber(before, "before", 0, 1, long.MaxValue);
            var page = await admin.GetHistoryPageAsync(toggle, cursor, (int)size, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new
            {
                entries = page.Entries.Select(e => new
                {
                    key = e.Key,
                    action = e.Action.ToString().ToLowerInvariant(),
                    before = e.Before,
                    after = e.After,
                    actor = e.Actor,
                    reason = e.Reason,
                    at = e.At,
                    version = e.Version,
                }),
                nextBefore = page.NextBeforeVersion,
            });
        });

    /// <summary>
    /// Runs an admin operation as the authenticated user and turns the admin path's exceptions into problem details.
    /// </summary>
    private static async Task<IResult> AsActorAsync(HttpContext httpContext, Func<ToggleActor, Task<IResult>> operation)
    {
        var options = Options(httpContext);
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
        catch (AdminPreconditions.PreconditionRequiredException ex)
        {
            Failed(httpContext, actor, ex);
            return TypedResults.Problem(
                title: "Version required",
                detail: ex.Message,
                statusCode: StatusCodes.Status428PreconditionRequired,
                extensions: new Dictionary<string, object?> { ["code"] = nameof(ToggleErrorCode.InvalidRequest) });
        }
        catch (Exception ex) when (ToggleErrors.Classify(ex) is { } code)
        {
            Failed(httpContext, actor, ex);
            return ToggleProblems.From(httpContext, code, ex);
        }
    }

    /// <summary>Parses a whole-number query value within a range, or refuses it with a message naming the parameter.</summary>
    private static long QueryNumber(string? text, string name, long fallback, long min, long max)
    {
        if (text is null)
        {
            return fallback;
        }

        if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ToggleException(ToggleErrorCode.InvalidRequest, $"Query parameter '{name}' must be a whole number from {min} to {max} (was '{TextRules.Escape(text)}').");
        }

        return value;
    }

    /// <summary>Parses a true/false query value, or refuses it with a message naming the parameter.</summary>
    private static bool QueryFlag(string? text, string name, bool fallback) => text?.ToLowerInvariant() switch
    {
        null => fallback,
        "true" => true,
        "false" => false,
        _ => throw new ToggleException(ToggleErrorCode.InvalidRequest, $"Query parameter '{name}' must be true or false (was '{TextRules.Escape(text)}')."),
    };

    private static FeatureTogglesHttpOptions Options(HttpContext httpContext)
        => httpContext.RequestServices.GetRequiredService<IOptions<FeatureTogglesHttpOptions>>().Value;

    private static void Failed(HttpContext httpContext, ToggleActor actor, Exception exception)
    {
        var logger = httpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ToggleAdminHandlers).FullName!);
        Log.AdminRequestFailed(logger, actor.Name, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
    }

    private static JsonElement Parse(string json)
    {
        using var value = JsonDocument.Parse(json);
        return value.RootElement.Clone();
    }

    private static IEnumerable<object> Prerequisites(ToggleReportEntry? entry)
        => entry?.Prerequisites.Select(p => new { toggle = p.Toggle, enabled = p.Enabled }) ?? [];

    /// <summary>Every scheduled value of a toggle (its state and its overrides): the store key, the window in UTC and its status now.</summary>
    private static IEnumerable<object> Schedules(ToggleReportEntry? entry)
        => entry?.Schedules.Select(s => new
        {
            key = s.Key,
            activeFrom = s.Schedule.ActiveFrom is { } from ? ToggleSchedule.Format(from) : null,
            activeUntil = s.Schedule.ActiveUntil is { } until ? ToggleSchedule.Format(until) : null,
            status = ScheduleText.Name(s.Status),
        }) ?? [];

    private static object Describe(ToggleRecord record)
        => new { key = record.Key, value = Parse(record.Value), version = record.Version, modifiedAt = record.ModifiedAt, modifiedBy = record.ModifiedBy };

    private static ProblemHttpResult Undeclared(HttpContext httpContext, string toggle)
        => ToggleProblems.Problem(
            httpContext,
            ToggleErrorCode.NotFound,
            $"No toggle named '{TextRules.Escape(toggle)}' is declared. Only declared toggles can be changed here; an orphan's stored state can be deleted.");
}
