using System.Globalization;
using FeatureFlags.Storage;
using FeatureFlags.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace FeatureFlags.Dashboard;

/// <summary>
/// The dashboard's changes. Every one is checked on the server — edit rights, antiforgery token, reason, typed
/// confirmation where the environment asks for it — and goes through <see cref="IToggleAdmin"/> with the version the
/// form was rendered from, so roles, validation, concurrency and audit are those of every other surface.
/// </summary>
internal static class DashboardActions
{
    public static Task<IResult> SwitchAsync(HttpContext http, DashboardMount mount, string name, CancellationToken cancellationToken)
        => ChangeAsync(http, mount, name, async (request, form, reason) =>
        {
            var on = form["enabled"] == "on";
            Confirm(request, form, name);
            await request.Get<IToggleAdmin>().SetSwitchAsync(name, on, request.Actor!, reason, Version(form), cancellationToken).ConfigureAwait(false);
            return $"{name} is now {(on ? "on" : "off")} for everyone.";
        }, cancellationToken);

    public static Task<IResult> FlagAsync(HttpContext http, DashboardMount mount, string name, CancellationToken cancellationToken)
        => ChangeAsync(http, mount, name, async (request, form, reason) =>
        {
            var rules = ReadRules(form);
            if (rules.Everyone is not null || rules.IsEmpty)
            {
                Confirm(request, form, name);
            }

            await request.Get<IToggleAdmin>().SetFlagAsync(name, rules, request.Actor!, reason, Version(form), cancellationToken).ConfigureAwait(false);
            return $"Saved the rules of {name}.";
        }, cancellationToken);

    public static Task<IResult> OverrideAsync(HttpContext http, DashboardMount mount, string name, CancellationToken cancellationToken)
        => ChangeAsync(http, mount, name, async (request, form, reason) =>
        {
            var level = Level(form);
            var subject = form["subject"].ToString().Trim();
            bool? value = form["value"].ToString() switch
            {
                "on" => true,
                "off" => false,
                "clear" => null,
                var other => throw Invalid($"Unknown override value '{other}'; use on, off or clear."),
            };
            await request.Get<IToggleAdmin>().SetOverrideAsync(name, level, subject, value, request.Actor!, reason, Version(form), cancellationToken).ConfigureAwait(false);
            return value is null ? $"Cleared the {ToggleSummary.LevelName(level)} override for '{subject}'." : $"{name} is forced {(value.Value ? "on" : "off")} for {ToggleSummary.LevelName(level)} '{subject}'.";
        }, cancellationToken);

    public static Task<IResult> BulkOverridesAsync(HttpContext http, DashboardMount mount, string name, CancellationToken cancellationToken)
        => ChangeAsync(http, mount, name, async (request, form, reason) =>
        {
            var level = Level(form);
            var on = form["value"] == "on";
            Confirm(request, form, name);
            var subjects = form["subjects"].ToString()
                .Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (subjects.Count == 0)
            {
                throw Invalid("Paste at least one subject, one per line.");
            }

            var keys = new List<string>(subjects.Count);
            var problems = new List<string>();
            foreach (var subject in subjects)
            {
                try
                {
                    keys.Add(ToggleKeys.ForOverride(name, level, ToggleWriteRules.NormalizeSubject(level, subject)));
                }
                catch (ArgumentException ex)
                {
                    problems.Add($"'{subject}': {ToggleErrors.Message(ex)}");
                }
            }

            if (problems.Count > 0)
            {
                throw Invalid("Nothing was added. " + string.Join(" ", problems));
            }

            var current = (await request.Get<IToggleStore>().GetManyAsync(keys, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Key, r => r.Version, StringComparer.Ordinal);
            var value = StoredValueCodec.EncodeOverride(on);
            var writes = keys.Distinct(StringComparer.Ordinal).Select(k => new ToggleStoreWrite(k, value, current.GetValueOrDefault(k))).ToList();
            var result = await request.Get<IToggleAdmin>().ApplyAsync(writes, request.Actor!, reason, dryRun: false, cancellationToken).ConfigureAwait(false);
            if (!result.Applied)
            {
                var code = result.Problems.Any(p => p.Code == ToggleErrorCode.AccessDenied) ? ToggleErrorCode.AccessDenied : ToggleErrorCode.InvalidRequest;
                throw new ToggleException(code, "Nothing was added. " + string.Join(" ", result.Problems.Where(p => p.Severity == ToggleLintSeverity.Error).Select(p => $"'{p.Key}': {p.Message}")));
            }

            return $"Forced {name} {(on ? "on" : "off")} for {writes.Count} {ToggleSummary.LevelName(level)} subject(s).";
        }, cancellationToken);

    public static Task<IResult> DeleteAsync(HttpContext http, DashboardMount mount, string name, CancellationToken cancellationToken)
        => ChangeAsync(http, mount, name, async (request, form, reason) =>
        {
            Confirm(request, form, name);
            var deleted = await request.Get<IToggleAdmin>().DeleteAsync(name, request.Actor!, reason, Version(form), cancellationToken).ConfigureAwait(false);
            return $"Deleted {deleted} stored key(s) of {name}.";
        }, cancellationToken);

    /// <summary>
    /// Runs a change: refused while read-only, without a valid antiforgery token or without a reason; a stale version
    /// shows the current state and what changed, and writes nothing; other refusals re-render the page with the reason.
    /// </summary>
    public static async Task<IResult> ChangeAsync(HttpContext http, DashboardMount mount, string name, Func<DashboardRequest, IFormCollection, string?, Task<string>> change, CancellationToken cancellationToken)
    {
        var request = await DashboardRequest.CreateAsync(http, mount).ConfigureAwait(false);
        if (await RefuseAsync(request).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var form = await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var reason = form["reason"].ToString().Trim();
        try
        {
            if (request.Options.RequireReason && reason.Length == 0)
            {
                throw Invalid("Give a reason for the change; it is recorded in the audit.");
            }

            var done = await change(request, form, reason.Length == 0 ? null : reason).ConfigureAwait(false);
            var target = form["then"] == "debt" ? $"{request.Base}/debt" : $"{request.Base}/t/{Html.U(name)}";
            return Results.Redirect($"{target}?done={Html.U(done)}", permanent: false, preserveMethod: false);
        }
        catch (ToggleConflictException)
        {
            var expected = Version(form) ?? 0;
            var page = await request.Get<IToggleAdmin>().GetHistoryPageAsync(name, null, request.Options.PageSize, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<ToggleAuditEntry> since = [.. page.Entries.Where(e => e.Version > expected)];
            return await TogglePage.RenderAsync(
                request,
                name,
                null,
                "Someone changed this toggle since you opened the form, so nothing was written. Here is its state now and what changed; make your change again if it still applies.",
                StatusCodes.Status409Conflict,
                cancellationToken,
                since).ConfigureAwait(false);
        }
        catch (Exception ex) when (ToggleErrors.Classify(ex) is { } code)
        {
            var status = code switch
            {
                ToggleErrorCode.AccessDenied => StatusCodes.Status403Forbidden,
                ToggleErrorCode.NotFound => StatusCodes.Status404NotFound,
                ToggleErrorCode.StoreUnavailable => StatusCodes.Status503ServiceUnavailable,
                ToggleErrorCode.Conflict or ToggleErrorCode.Refused => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            };
            var message = "Nothing was changed: " + ToggleErrors.Message(ex);
            return ToggleNames.IsValidFullName(name)
                ? await TogglePage.RenderAsync(request, name, null, message, status, cancellationToken).ConfigureAwait(false)
                : Layout.Page(request, "Refused", "list", new Html().Raw("<h1>Refused</h1>").Notice(message, problem: true), status);
        }
    }

    /// <summary>
    /// Refuses a change from a read-only user, a form larger than admin requests may be, or a form without a valid
    /// antiforgery token; the size limit is set before anything reads the body.
    /// </summary>
    public static async Task<IResult?> RefuseAsync(DashboardRequest request)
    {
        if (!request.MayEdit)
        {
            return Layout.Page(request, "Read-only", "list", new Html().Raw("<h1>Read-only</h1>").Notice("This dashboard is read-only for you; nothing was changed.", problem: true), StatusCodes.Status403Forbidden);
        }

        var limit = request.Get<IOptions<FeatureTogglesHttpOptions>>().Value.MaxAdminRequestBodySize;
        if (request.Http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        var tooLarge = Layout.Page(request, "Too large", "list", new Html().Raw("<h1>Too large</h1>").Notice($"The form is larger than {limit} bytes (FeatureTogglesHttpOptions.MaxAdminRequestBodySize), so nothing was changed.", problem: true), StatusCodes.Status413PayloadTooLarge);
        if (request.Http.Request.ContentLength > limit)
        {
            return tooLarge;
        }

        try
        {
            await request.Get<IAntiforgery>().ValidateRequestAsync(request.Http).ConfigureAwait(false);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return Layout.Page(request, "Form expired", "list", new Html().Raw("<h1>Form expired</h1>").Notice("The form did not come from this dashboard or has expired, so nothing was changed. Reload the page and try again.", problem: true), StatusCodes.Status400BadRequest);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return tooLarge;
        }
        catch (InvalidDataException)
        {
            // The form reader's own limits (value or part length) were exceeded.
            return tooLarge;
        }
    }

    /// <summary>Checks the typed confirmation of a dangerous action, where the environment asks for one.</summary>
    public static void Confirm(DashboardRequest request, IFormCollection form, string expected)
    {
        if (request.NeedsConfirmation && !string.Equals(form["confirm"].ToString().Trim(), expected, StringComparison.Ordinal))
        {
            throw Invalid($"This change needs confirmation in {request.Environment}: type '{expected}' in the confirmation field.");
        }
    }

    private static FlagRules ReadRules(IFormCollection form)
    {
        bool? everyone = form["everyone"].ToString() switch
        {
            "on" => true,
            "off" => false,
            "unset" or "" => null,
            var other => throw Invalid($"Unknown value '{other}' for everyone; use unset, on or off."),
        };
        var percentText = form["percent"].ToString().Trim();
        var percent = 0m;
        if (percentText.Length > 0 && !decimal.TryParse(percentText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out percent))
        {
            throw Invalid($"Percent '{percentText}' is not a number such as 12.5 (use a point for decimals).");
        }

        var rules = new FlagRules
        {
            Everyone = everyone,
            Percent = percent,
            Users = Lines(form["users"]),
            Groups = Lines(form["groups"]),
            Languages = Lines(form["languages"]),
            Staff = form["staff"] == "true",
            Superusers = form["superusers"] == "true",
            Authenticated = form["authenticated"] == "true",
            Testing = form["testing"] == "true",
        };
        rules.Validate();
        return rules;
    }

    private static string[] Lines(string? text)
        => [.. (text ?? string.Empty).Split(['\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    private static OverrideLevel Level(IFormCollection form) => form["level"].ToString() switch
    {
        "site" => OverrideLevel.Site,
        "course" => OverrideLevel.Course,
        "organization" => OverrideLevel.Organization,
        var other => throw Invalid($"Unknown override level '{other}'; use site, course or organization."),
    };

    private static long? Version(IFormCollection form)
        => long.TryParse(form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw Invalid("The form does not say which version it was rendered from; reload the page.");

    private static ToggleException Invalid(string message) => new(ToggleErrorCode.InvalidRequest, message);
}
