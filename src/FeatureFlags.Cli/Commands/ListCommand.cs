namespace FeatureFlags.Cli.Commands;

/// <summary><c>toggles list</c>: declared and stored toggles, filtered.</summary>
internal sealed class ListCommand : CliCommand
{
    public override string Name => "list";

    public override StoreAccess Access => StoreAccess.Read;

    public override int Arguments => 1;

    protected override IEnumerable<string> Options => ["namespace", "type", "status"];

    public override async Task<int> RunAsync(CommandContext context)
    {
        var line = context.Line;
        var ns = line.Get("namespace");
        var type = line.Get("type");
        var status = line.Get("status");
        if (status is not null && !Enum.TryParse<ToggleStatus>(status, ignoreCase: true, out _))
        {
            throw new UsageException($"--status must be on, off or both, not '{status}'.");
        }

        var report = await context.Session.Reporter.CreateReportAsync().ConfigureAwait(false);
        var entries = report.Entries
            .Where(e => ns is null || e.Name.StartsWith(ns + ".", StringComparison.Ordinal))
            .Where(e => type is null || e.Implementation.StartsWith(type, StringComparison.OrdinalIgnoreCase))
            .Where(e => status is null || string.Equals(e.Status.ToString(), status, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (context.Json)
        {
            await context.Output.RawAsync(new ToggleReport(report.GeneratedAt, entries).ToJson()).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        // The GROUP column appears once release groups are in use: a member names its group, a group its members.
        // The SCHEDULES column once any value is scheduled: how many of the toggle's values are pending, active or expired.
        var groups = entries.Any(e => e.Group is not null || e.Implementation == nameof(ToggleKind.Group));
        var schedules = entries.Any(e => e.Schedules.Count > 0);
        string[] header = ["NAME", "TYPE", "STATUS", .. groups ? ["GROUP"] : Array.Empty<string>(), .. schedules ? ["SCHEDULES"] : Array.Empty<string>(), "SETTINGS"];
        await context.Output.TableAsync(
            header,
            entries.Select(e => (string?[])
            [
                e.Name, e.Implementation, e.Status.ToString().ToLowerInvariant(),
                .. groups ? [GroupCell(e)] : Array.Empty<string>(),
                .. schedules ? [ScheduleCell(e)] : Array.Empty<string>(),
                e.CurrentSettings,
            ])).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static string ScheduleCell(ToggleReportEntry entry) => entry.Schedules.Count == 0
        ? "-"
        : string.Join(", ", entry.Schedules
            .GroupBy(s => s.Status)
            .OrderBy(g => g.Key)
            .Select(g => $"{g.Count()} {ScheduleText.Name(g.Key)}"));

    private static string GroupCell(ToggleReportEntry entry) => entry switch
    {
        { Group: { } group } => group,
        { Implementation: nameof(ToggleKind.Group) } => $"members: {(entry.Members.Count == 0 ? "none" : string.Join(", ", entry.Members))}",
        _ => "-",
    };
}
