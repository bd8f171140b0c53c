namespace FeatureFlags.Cli.Commands;

/// <summary><c>toggles export FILE</c>: all stored state as JSON.</summary>
internal sealed class ExportCommand : CliCommand
{
    public override string Name => "export";

    public override StoreAccess Access => StoreAccess.Read;

    public override int Arguments => 2;

    protected override IEnumerable<string> Options => [];

    public override async Task<int> RunAsync(CommandContext context)
    {
        var file = context.Line.Positional(1, "output file");
        var json = await context.Session.Transfer.ExportAsync().ConfigureAwait(false);
        await CliFiles.WriteAsync(file, json, "export file").ConfigureAwait(false);
        await context.Output.LineAsync($"Exported to {file}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
