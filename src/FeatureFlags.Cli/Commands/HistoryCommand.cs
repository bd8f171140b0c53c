using System.Globalization;
using System.Text.Json;

namespace FeatureFlags.Cli.Commands;

/// <summary>
/// <c>toggles history NAME [--limit N] [--before VERSION]</c>: one page of the audit, newest first, with the cursor
/// of the next (older) page.
/// </summary>
internal sealed class HistoryCommand : CliCommand
{
    public override string Name => "history";

    public override StoreAccess Access => StoreAccess.Read;

    public override int Arguments => 2;

    protected override IEnumerable<string> Options => ["limit", "before"];

    public override async Task<int> RunAsync(CommandContext context)
    {
        var name = context.ToggleName(1);
        var limit = (int)(context.Line.GetWholeNumber("limit", 1, ToggleHistoryPage.MaxLimit) ?? ToggleHistoryPage.DefaultLimit);
        var before = context.Line.GetWholeNumber("before", 1, long.MaxValue);
        var page = await context.Session.Admin.GetHistoryPageAsync(name, before, limit).ConfigureAwait(false);
        if (context.Json)
        {
            await context.Output.RawAsync(JsonSerializer.Serialize(new
            {
                toggle = name,
                entries = page.Entries.Select(h => new
                {
                    h.Key, Action = h.Action.ToString(), h.Before, h.After, h.Actor, h.Reason, h.At, h.Version,
                }),
                nextBeforeVersion = page.NextBeforeVersion,
            })).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        await context.Output.TableAsync(
            ["VERSION", "AT", "ACTOR", "ACTION", "KEY", "REASON"],
            page.Entries.Select(h => new[]
            {
                h.Version.ToString(CultureInfo.InvariantCulture), h.At.ToString("u", CultureInfo.InvariantCulture), h.Actor, h.Action.ToString(), h.Key, h.Reason,
            })).ConfigureAwait(false);
        if (page.NextBeforeVersion is { } next)
        {
            await context.Output.LineAsync(string.Create(CultureInfo.InvariantCulture, $"Older changes: toggles history {name} --before {next} --limit {limit}")).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }
}
