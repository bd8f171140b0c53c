namespace FeatureFlags.Cli.Commands;

/// <summary>Every command of the tool, by name.</summary>
internal static class CliCommands
{
    private static readonly Dictionary<string, CliCommand> ByName = new CliCommand[]
    {
        new ListCommand(), new ShowCommand(), new SwitchCommand(), new FlagCommand(), new OverrideCommand(), new HistoryCommand(),
        new DeleteCommand(), new ReportCommand(), new LintCommand(), new ExportCommand(), new ImportCommand(), new ManifestCommand(),
        new GroupCommand(), new RequireCommand(), new RevertCommand(),
    }.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static CliCommand Find(string name)
        => ByName.TryGetValue(name, out var command) ? command : throw new UsageException($"Unknown command '{name}'. Run 'toggles --help'.");
}
