using System.Globalization;

namespace FeatureFlags.Cli.Commands;

/// <summary>
/// <c>toggles show NAME</c>: settings, metadata, overrides, dependants, findings and the last changes of one toggle, from
/// the one read model (<see cref="IToggleCatalog"/>). <c>--dependants</c> is still accepted: dependants are always shown
/// now, read from the store's prerequisite index.
/// </summary>
internal sealed class ShowCommand : CliCommand
{
    private const int RecentChanges = 5;

    public override string Name => "show";

    public override StoreAccess Access => StoreAccess.Read;

    public override int Arguments => 2;

    protected override IEnumerable<string> Options => ["dependants"];

    public override async Task<int> RunAsync(CommandContext context)
    {
        var name = context.ToggleName(1);
        var session = context.Session;

        // The one read model: the same view the admin API answers and the dashboard's toggle page renders.
        var view = await session.Catalog.GetAsync(name).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"Unknown toggle '{name}': it is neither declared nor stored.");
        var entry = view.Entry;
        if (context.Json)
        {
            await context.Output.RawAsync(view.ToJson()).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        var records = view.Overrides;
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
        if (entry.Group is { } groupName)
        {
            await output.LineAsync($"  group:       {groupName}{(view.GroupSettings is null ? string.Empty : $" ({view.GroupSettings})")}").ConfigureAwait(false);
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

        foreach (var finding in view.Findings)
        {
            await output.LineAsync($"  finding:     {finding.Rule} ({finding.Severity.ToString().ToLowerInvariant()}): {finding.Message}").ConfigureAwait(false);
        }

        await output.LineAsync("  last changes:").ConfigureAwait(false);
        foreach (var change in recent.Entries.Reverse())
        {
            await output.LineAsync(string.Create(CultureInfo.InvariantCulture, $"    {change.At:u} {change.Actor} {change.Action} {change.Key}{(change.Reason is null ? string.Empty : ": " + change.Reason)}")).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }
}
