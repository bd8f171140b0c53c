namespace FeatureFlags.Cli.Commands;

/// <summary>
/// <c>toggles import FILE [--dry-run] [--delete-missing]</c>: applies an export, all or nothing. A dry run and a real
/// run print the same problems; any error means nothing was written and a non-zero exit code.
/// </summary>
internal sealed class ImportCommand : CliCommand
{
    public override string Name => "import";

    public override StoreAccess Access => StoreAccess.Write;

    public override int Arguments => 2;

    protected override IEnumerable<string> Options => [.. WriteOptions, "dry-run", "delete-missing"];

    public override async Task<int> RunAsync(CommandContext context)
    {
        var file = context.Line.Positional(1, "import file");
        if (!File.Exists(file))
        {
            throw new UsageException($"Import file '{file}' does not exist.");
        }

        var json = await CliFiles.ReadAsync(file, "import file").ConfigureAwait(false);
        var dryRun = context.Line.Has("dry-run");
        var result = await context.Session.Transfer.ImportAsync(json, new ToggleImportOptions
        {
            Actor = context.Actor,
            Reason = context.Reason ?? $"import of {Path.GetFileName(file)}",
            DryRun = dryRun,
            DeleteMissing = context.Line.Has("delete-missing"),
        }).ConfigureAwait(false);

        var output = context.Output;
        foreach (var change in result.Changes)
        {
            await output.LineAsync($"{change.Kind.ToString().ToLowerInvariant(),-8} {change.Key}").ConfigureAwait(false);
        }

        foreach (var problem in result.Problems)
        {
            await output.LineAsync($"{problem.Severity.ToString().ToLowerInvariant(),-8} {problem.Key}: {problem.Message}").ConfigureAwait(false);
        }

        var errors = result.Problems.Where(p => p.Severity == ToggleLintSeverity.Error).ToList();
        var outcome = (errors.Count, result.Applied) switch
        {
            ( > 0, _) => $"not applied: {errors.Count} error(s), nothing written",
            (_, true) => "applied",
            _ => "found (dry run, nothing written)",
        };
        await output.LineAsync($"{result.Changes.Count} change(s) {outcome}; {result.Problems.Count} problem(s).").ConfigureAwait(false);

        // Bad entries in the document (exit 2) are reported before refusals such as a missing role (exit 1).
        return errors.Count == 0 ? ExitCodes.Ok : errors.Max(p => ExitCodes.For(p.Code ?? ToggleErrorCode.InvalidRequest));
    }
}
