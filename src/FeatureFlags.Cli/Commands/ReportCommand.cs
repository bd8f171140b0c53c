namespace FeatureFlags.Cli.Commands;

/// <summary><c>toggles report [--format json|csv|md]</c>.</summary>
internal sealed class ReportCommand : CliCommand
{
    public override string Name => "report";

    public override StoreAccess Access => StoreAccess.Read;

    public override int Arguments => 1;

    protected override IEnumerable<string> Options => ["format"];

    public override async Task<int> RunAsync(CommandContext context)
    {
        var format = context.Line.Get("format") ?? "md";
        if (format is not ("json" or "csv" or "md" or "markdown"))
        {
            throw new UsageException($"--format must be json, csv or md, not '{format}'.");
        }

        var report = await context.Session.Reporter.CreateReportAsync().ConfigureAwait(false);
        if (format == "json")
        {
            await context.Output.RawAsync(report.ToJson()).ConfigureAwait(false);
        }
        else
        {
            await context.Output.DocumentAsync(format == "csv" ? report.ToCsv() : report.ToMarkdown()).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }
}
