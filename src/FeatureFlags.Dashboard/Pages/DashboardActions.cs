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
            var on = OnOff(form["enabled"], "enabled");
            var schedule = Schedule(form);
            Confirm(request, form, name);
            await request.Get<IToggleAdmin>().SetSwitchAsync(name, on, request.Actor!, reason, Version(form), schedule, cancellationToken).ConfigureAwait(false);
            return $"{name} is now {(on ? "on" : "off")} for everyone{Scheduled(schedule)}.";
        }, cancellationToken);

    public static Task<IResult> FlagAsync(HttpContext http, DashboardMount mount, string name, CancellationToken cancellationToken)
        => ChangeAsync(http, mount, name, async (request, form, reason) =>
        {
            var rules = ReadRules(form);

            // The form shows the stored schedule, so a schedule left in place is kept and an emptied one removed.
            var schedule = Schedule(form);

            // Any rule can reach everyone (100 %, all signed-in users), so every rule change is confirmed where that is asked.
            Confirm(request, form, name);

            await request.Get<IToggleAdmin>().SetFlagAsync(name, rules, request.Actor!, reason, Version(form), schedule, cancellationToken).ConfigureAwait(false);
            return $"Saved the rules of {name}{Scheduled(schedule)}.";
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
            var schedule = Schedule(form);
            var version = Version(form);

            // A site override answers for everyone on that site (every caller, where there is one site), as a flip does.
            if (level == OverrideLevel.Site)
            {
                Confirm(request, form, name);
            }

            if (version == 0 && value is not null
                && await request.Get<IToggleStore>().GetAsync(ToggleKeys.ForOverride(name, level, ToggleWriteRules.NormalizeSubject(level, subject)), cancellationToken).ConfigureAwait(false) is { } present)
            {
                throw Invalid($"'{subject}' already has a {ToggleSummary.LevelName(level)} override ({(StoredValueCodec.DecodeOverride(present.Value).On ? "on" : "off")}); change or clear it in its row.");
            }

            await request.Get<IToggleAdmin>().SetOverrideAsync(name, level, subject, value, request.Actor!, reason, version, schedule, cancellationToken).ConfigureAwait(false);
            return value is null ? $"Cleared the {ToggleSummary.LevelName(level)} override for '{subject}'." : $"{name} is forced {(value.Value ? "on" : "off")} for {ToggleSummary.LevelName(level)} '{subject}'{Scheduled(schedule)}.";
        }, cancellationToken);

    public static Task<IResult> BulkOverridesAsync(HttpContext http, DashboardMount mount, string name, CancellationToken cancellationToken)
        => ChangeAsync(http, mount, name, async (request, form, reason) =>
        {
            var level = Level(form);
            var on = OnOff(form["value"], "value");
            Confirm(request, form, name);
            var subjects = form["subjects"].ToString()
                .Split(['\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (subjects.Count == 0)
            {
                throw Invalid("Paste at least one subject, one per line (or separated by commas).");
            }

            if (subjects.Count > MaxBulkSubjects)
            {
                throw Invalid($"{subjects.Count} subjects pasted; at most {MaxBulkSubjects} are added at once. Split the list, or import a file.");
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

            // Bulk adds new overrides only: one that exists was not shown in this form, so it is not silently changed.
            var existing = await request.Get<IToggleStore>().GetManyAsync(keys, cancellationToken).ConfigureAwait(false);
            if (existing.Count > 0)
            {
                var named = existing.Select(r => ToggleKeys.TryParse(r.Key, out _, out _, out var subject) ? subject : r.Key).Order(StringComparer.Ordinal).Take(10);
                throw Invalid($"Nothing was added: {existing.Count} of these already have an override ({string.Join(", ", named)}{(existing.Count > 10 ? ", ..." : string.Empty)}). Change or clear those in their rows, then paste the rest.");
            }

            var value = StoredValueCodec.EncodeOverride(on);
            var writes = keys.Distinct(StringComparer.Ordinal).Select(k => new ToggleStoreWrite(k, value, 0)).ToList();
            var result = await request.Get<IToggleAdmin>().ApplyAsync(writes, request.Actor!, reason, dryRun: false, cancellationToken).ConfigureAwait(false);
            if (!result.Applied)
            {
                throw new ToggleException(ToggleErrors.Worst(result.Problems) ?? ToggleErrorCode.InvalidRequest, "Nothing was added. " + string.Join(" ", result.Problems.Where(p => p.Severity == ToggleLintSeverity.Error).Select(p => $"'{p.Key}': {p.Message}")));
            }

            return $"Forced {name} {(on ? "on" : "off")} for {writes.Count} {ToggleSummary.LevelName(level)} subject(s).";
        }, cancellationToken);

    public static Task<IResult> DeleteAsync(HttpContext http, DashboardMount mount, string name, CancellationToken cancellationToken)
        => ChangeAsync(http, mount, name, async (request, form, reason) =>
        {
            Confirm(request, form, name);
            var deleted = await request.Get<IToggleAdmin>().DeleteAsync(name, request.Actor!, reason, Version(form), cancellationToken).ConfigureAwait(false);
            return $"Deleted {deleted} stored key(s) of {name}.";
        }, cancellationToken, allowUndeclared: true);

    /// <summary>
    /// Runs a change: refused while read-only, without a valid antiforgery token or without a reason; a stale version
    /// shows the current state and what changed, and writes nothing; other refusals re-render the page with the reason.
    /// </summary>
    public static async Task<IResult> ChangeAsync(HttpContext http, DashboardMount mount, string name, Func<DashboardRequest, IFormCollection, string?, Task<string>> change, CancellationToken cancellationToken, bool allowUndeclared = false)
    {
        var request = await DashboardRequest.CreateAsync(http, mount).ConfigureAwait(false);
        if (await RefuseAsync(request).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (!http.Request.HasFormContentType)
        {
            return Layout.Page(request, "Refused", "list", new Html().Raw("<h1>Refused</h1>").Notice("Changes are posted as forms from the dashboard's pages; nothing was changed.", problem: true), StatusCodes.Status415UnsupportedMediaType);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var reason = form["reason"].ToString().Trim();
        try
        {
            // Like the HTTP API, only declared toggles are changed here; an orphan's stored state can only be deleted.
            if (!allowUndeclared && !request.Get<IToggleRegistry>().TryGet(name, out _))
            {
                throw new ToggleException(ToggleErrorCode.NotFound, $"No toggle named '{name}' is declared, so it cannot be changed here; an orphan's stored state can only be deleted.");
            }

            if (request.Options.RequireReason && reason.Length == 0)
            {
                throw Invalid("Give a reason for the change; it is recorded in the audit.");
            }

            var done = await change(request, form, reason.Length == 0 ? null : reason).ConfigureAwait(false);
            var target = form["then"] == "debt" ? $"{request.Base}/debt" : $"{request.Base}/t/{Html.U(name)}";
            return Results.Redirect($"{target}?done={Html.U(request.ProtectNotice(done))}", permanent: false, preserveMethod: false);
        }
        catch (ToggleConflictException conflict)
        {
            // What changed since the form was rendered: the key it wrote, after the version the form carried.
            var expected = conflict.ExpectedVersion;
            var page = await request.Get<IToggleAdmin>().GetHistoryPageAsync(name, null, request.Options.PageSize, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<ToggleAuditEntry> since = [.. page.Entries.Where(e => e.Key == conflict.Key && e.Version > expected)];
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
            var status = ToggleProblems.StatusCode(code);
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

    /// <summary>The most subjects one bulk paste adds.</summary>
    public const int MaxBulkSubjects = 1000;

    private static bool OnOff(string? value, string field) => value switch
    {
        "on" => true,
        "off" => false,
        _ => throw Invalid($"'{field}' must be on or off (was '{value}')."),
    };

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
            CustomRules = CustomRules(form["rules"]),
        };
        rules.Validate();
        return rules;
    }

    /// <summary>Custom rules one per line, as the form shows them: the name, then optionally the JSON parameters.</summary>
    private static CustomRule[] CustomRules(string? text)
    {
        var rules = new List<CustomRule>();
        foreach (var line in Lines(text))
        {
            var trimmed = line.Trim();
            var split = trimmed.IndexOfAny([' ', '\t', '{', '[', '"']);
            try
            {
                rules.Add(split < 0 ? new CustomRule(trimmed) : CustomRule.FromJson(trimmed[..split], trimmed[split..].Trim()));
            }
            catch (ArgumentException ex)
            {
                throw Invalid(ToggleErrors.Message(ex));
            }
        }

        return [.. rules];
    }

    /// <summary>One entry per line, as the form shows them: commas are part of an entry, never a separator.</summary>
    private static string[] Lines(string? text)
        => [.. (text ?? string.Empty).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal)];

    private static OverrideLevel Level(IFormCollection form) => form["level"].ToString() switch
    {
        "site" => OverrideLevel.Site,
        "course" => OverrideLevel.Course,
        "organization" or "organisation" or "org" => OverrideLevel.Organization,
        var other => throw Invalid($"Unknown override level '{other}'; use site, course or organization."),
    };

    /// <summary>
    /// Reads the optional "active from"/"active until" fields (<see cref="ScheduleMarkup"/>) with the rules of every
    /// surface: ISO 8601 with Z or an offset, stored in UTC; a time without an offset is refused with the reason.
    /// </summary>
    public static ToggleSchedule? Schedule(IFormCollection form)
        => ScheduleText.Parse(form[ScheduleMarkup.FromField], form[ScheduleMarkup.UntilField], "Active from", "Active until");

    /// <summary>Returns ", scheduled from ..." for a notice, or nothing for an unscheduled change.</summary>
    public static string Scheduled(ToggleSchedule? schedule) => schedule is null ? string.Empty : $", scheduled {schedule}";

    /// <summary>Reads the version a form was rendered from.</summary>
    public static long? Version(IFormCollection form)
        => long.TryParse(form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw Invalid("The form does not say which version it was rendered from; reload the page.");

    /// <summary>Returns the error of input a form should not have sent.</summary>
    public static ToggleException Invalid(string message) => new(ToggleErrorCode.InvalidRequest, message);
}
