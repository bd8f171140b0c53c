using System.Text.Json;

namespace FeatureFlags.Cli.Commands;

/// <summary><c>toggles lint [--fail-on error|warning|info]</c>: toggle debt; exit 1 at or above the level.</summary>
internal sealed class LintCommand : CliCommand
{
    public override string Name => "lint";

    public override StoreAccess Access => StoreAccess.Read;

    public override int Arguments => 1;

    protected override IEnumerable<string> Options => ["fail-on"];

    public override async Task<int> RunAsync(CommandContext context)
    {
        var failOn = context.Line.Get("fail-on") ?? "error";
        if (!Enum.GetNames<ToggleLintSeverity>().Contains(failOn, StringComparer.OrdinalIgnoreCase)
            || !Enum.TryParse<ToggleLintSeverity>(failOn, ignoreCase: true, out var threshold))
        {
            throw new UsageException($"--fail-on must be error, warning or info, not '{failOn}'.");
        }

        var findings = await context.Session.Reporter.LintAsync().ConfigureAwait(false);
        if (context.Json)
        {
            await context.Output.RawAsync(JsonSerializer.Serialize(findings.Select(f => new { f.Toggle, f.Rule, Severity = f.Severity.ToString(), f.Message, f.FixHint }))).ConfigureAwait(false);
        }
        else
        {
            foreach (var finding in findings)
            {
                await context.Output.LineAsync(finding.ToString()).ConfigureAwait(false);
            }

            await context.Output.LineAsync($"{findings.Count} finding(s).").ConfigureAwait(false);
        }

        return findings.Any(f => f.Severity >= threshold) ? ExitCodes.Findings : ExitCodes.Ok;
    }
}
