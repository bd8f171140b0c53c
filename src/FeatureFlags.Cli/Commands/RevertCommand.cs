using System.Globalization;

namespace FeatureFlags.Cli.Commands;

/// <summary>
/// <c>toggles revert NAME --to VERSION</c>: restores the state a toggle had after an audited version, as a new
/// versioned and audited write (<c>history</c> lists the versions).
/// </summary>
internal sealed class RevertCommand : CliCommand
{
    public override string Name => "revert";

    public override StoreAccess Access => StoreAccess.Write;

    public override int Arguments => 2;

    protected override IEnumerable<string> Options => ["actor", "roles", "reason", "expect-version", "to"];

    public override async Task<int> RunAsync(CommandContext context)
    {
        var name = context.ToggleName(1);
        var to = context.Line.GetWholeNumber("to", 1, long.MaxValue) ?? throw new UsageException("Name the version to go back to with --to VERSION ('history' lists them).");
        var expected = context.ExpectedVersion;

        // A name with no audit at all is most likely a typo: refuse it with the nearest known name.
        if ((await context.Session.Admin.GetHistoryPageAsync(name, limit: 1).ConfigureAwait(false)).Entries.Count == 0)
        {
            await context.RequireRevertableAsync(name).ConfigureAwait(false);
        }

        var record = await context.Session.Admin.RevertAsync(name, to, context.Actor, context.Reason, expected).ConfigureAwait(false);
        await context.Output.LineAsync(record is null
            ? string.Create(CultureInfo.InvariantCulture, $"{name} reverted to version {to}: nothing stored, the code default applies")
            : string.Create(CultureInfo.InvariantCulture, $"{name} reverted to version {to} (version {record.Version})")).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
