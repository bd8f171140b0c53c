using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace FeatureFlags.Dashboard;

/// <summary>
/// The dashboard's release changes: a group's state, a toggle's prerequisites and a revert to an audited version.
/// Each runs through <see cref="DashboardActions.ChangeAsync"/> (edit rights, antiforgery, reason, confirmation, the
/// version the form was rendered from) and <see cref="IToggleAdmin"/>.
/// </summary>
internal static class ReleaseActions
{
    public static Task<IResult> GroupAsync(HttpContext http, DashboardMount mount, string name, CancellationToken cancellationToken)
        => DashboardActions.ChangeAsync(http, mount, name, async (request, form, reason) =>
        {
            bool? enabled = form["enabled"].ToString() switch
            {
                "on" => true,
                "off" => false,
                "unset" => null,
                var other => throw DashboardActions.Invalid($"'enabled' must be on, off or unset (was '{other}')."),
            };
            // Unset removes the group's state, schedule and all: the fields are ignored rather than refused.
            var schedule = enabled is null ? null : DashboardActions.Schedule(form);
            DashboardActions.Confirm(request, form, name);
            await request.Get<IToggleAdmin>().SetGroupAsync(name, enabled, request.Actor!, reason, DashboardActions.Version(form), schedule, cancellationToken).ConfigureAwait(false);
            return enabled is { } on
                ? $"{name} is now {(on ? "on" : "off")} for every member{DashboardActions.Scheduled(schedule)}."
                : $"{name} is unset: each member follows its own rules.";
        }, cancellationToken);

    public static Task<IResult> PrerequisitesAsync(HttpContext http, DashboardMount mount, string name, CancellationToken cancellationToken)
        => DashboardActions.ChangeAsync(http, mount, name, async (request, form, reason) =>
        {
            var prerequisites = ReadPrerequisites(form["prerequisites"].ToString());
            DashboardActions.Confirm(request, form, name);
            await request.Get<IToggleAdmin>().SetPrerequisitesAsync(name, prerequisites, request.Actor!, reason, DashboardActions.Version(form), cancellationToken).ConfigureAwait(false);
            return prerequisites.Count == 0
                ? $"{name} no longer requires another toggle."
                : $"{name} now requires {string.Join(", ", prerequisites)}.";
        }, cancellationToken);

    public static Task<IResult> RevertAsync(HttpContext http, DashboardMount mount, string name, CancellationToken cancellationToken)
        => DashboardActions.ChangeAsync(http, mount, name, async (request, form, reason) =>
        {
            if (!long.TryParse(form["toVersion"], NumberStyles.None, CultureInfo.InvariantCulture, out var to) || to < 1)
            {
                throw DashboardActions.Invalid("The form does not say which version to go back to; reload the page.");
            }

            DashboardActions.Confirm(request, form, name);
            await request.Get<IToggleAdmin>().RevertAsync(name, to, request.Actor!, reason, DashboardActions.Version(form), cancellationToken).ConfigureAwait(false);
            return string.Create(CultureInfo.InvariantCulture, $"Reverted {name} to its state after version {to}.");
        }, cancellationToken);

    /// <summary>Reads one prerequisite per line, <c>namespace.name on</c> or <c>namespace.name off</c> (on when omitted).</summary>
    private static List<TogglePrerequisite> ReadPrerequisites(string text)
    {
        var prerequisites = new List<TogglePrerequisite>();
        foreach (var line in text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var enabled = parts.Length switch
            {
                1 => true,
                2 when parts[1] == "on" => true,
                2 when parts[1] == "off" => false,
                _ => throw DashboardActions.Invalid($"'{line}' is not a prerequisite: write one per line as 'namespace.name on' or 'namespace.name off'."),
            };
            prerequisites.Add(new TogglePrerequisite(parts[0], enabled));
        }

        return prerequisites;
    }
}
