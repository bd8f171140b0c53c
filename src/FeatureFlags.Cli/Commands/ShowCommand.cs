using System.Globalization;
using FeatureFlags.Storage;

namespace FeatureFlags.Cli.Commands;

/// <summary><c>toggles show NAME</c>: settings, metadata, overrides and the last changes of one toggle.</summary>
internal sealed class ShowCommand : CliCommand
{
    private const int RecentChanges = 5;

    public override string Name => "show";

    public override StoreAccess Access => StoreAccess.Read;

    public override int Arguments => 2;

    protected override IEnumerable<string> Options => [];

    public override async Task<int> RunAsync(CommandContext context)
    {
        var name = context.ToggleName(1);
        var session = context.Session;
        var report = await session.Reporter.CreateReportAsync().ConfigureAwait(false);
        var entry = report.Entries.FirstOrDefault(e => e.Name == name)
            ?? throw new KeyNotFoundException($"Unknown toggle '{name}': it is neither declared nor stored.");
        if (context.Json)
        {
            await context.Output.RawAsync(new ToggleReport(report.GeneratedAt, [entry]).ToJson()).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        var records = await session.Store.ListAsync(ToggleKeys.OverridePrefix(name)).ConfigureAwait(false);
        var recent = await session.Admin.GetHistoryPageAsync(name, limit: RecentChanges).ConfigureAwait(false);
        var output = context.Output;
        await output.LineAsync($"{entry.Name} ({entry.Implementation}{(entry.IsOrphan ? ", not declared" : string.Empty)})").ConfigureAwait(false);
        if (!entry.IsOrphan)
        {
            var removal = entry.TargetRemovalOn is { } r ? r.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "none";
            await output.LineAsync($"  description: {entry.Description}").ConfigureAwait(false);
            await output.LineAsync($"  use cases:   {string.Join(", ", ToggleReport.UseCaseNames(entry.UseCases))}").ConfigureAwait(false);
            await output.LineAsync(string.Create(CultureInfo.InvariantCulture, $"  created:     {entry.CreatedOn:yyyy-MM-dd}; target removal: {removal}; owner: {entry.Owner ?? "none"}")).ConfigureAwait(false);
        }

        await output.LineAsync($"  status:      {entry.Status.ToString().ToLowerInvariant()}").ConfigureAwait(false);
        await output.LineAsync($"  settings:    {entry.CurrentSettings}").ConfigureAwait(false);
        if (entry.Group is { } group)
        {
            var state = report.Entries.FirstOrDefault(e => e.Name == group)?.CurrentSettings;
            await output.LineAsync($"  group:       {group}{(state is null ? string.Empty : $" ({state})")}").ConfigureAwait(false);
        }

        if (entry.Implementation == nameof(ToggleKind.Group))
        {
            await output.LineAsync($"  members:     {(entry.Members.Count == 0 ? "none" : string.Join(", ", entry.Members))}").ConfigureAwait(false);
        }

        if (entry.Prerequisites.Count > 0)
        {
            await output.LineAsync($"  requires:    {string.Join(", ", entry.Prerequisites)}").ConfigureAwait(false);
        }

        if (entry.Dependants.Count > 0)
        {
            await output.LineAsync($"  required by: {string.Join(", ", entry.Dependants)}").ConfigureAwait(false);
        }

        foreach (var record in records)
        {
            await output.LineAsync($"  override:    {record.Key[(name.Length + 1)..]} = {(StoredValueCodec.DecodeOverride(record.Value).On ? "on" : "off")}").ConfigureAwait(false);
        }

        // One line per scheduled value: the toggle's own state, then its overrides (store order).
        foreach (var scheduled in entry.Schedules.OrderBy(s => s.Key == name ? 0 : 1))
        {
            var what = scheduled.Key == name ? "state" : scheduled.Key[(name.Length + 1)..];
            await output.LineAsync($"  schedule:    {what} {scheduled.Schedule} ({ScheduleText.Name(scheduled.Status)})").ConfigureAwait(false);
        }

        await output.LineAsync("  last changes:").ConfigureAwait(false);
        foreach (var change in recent.Entries.Reverse())
        {
            await output.LineAsync(string.Create(CultureInfo.InvariantCulture, $"    {change.At:u} {change.Actor} {change.Action} {change.Key}{(change.Reason is null ? string.Empty : ": " + change.Reason)}")).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }
}
