namespace FeatureFlags.Cli.Commands;

/// <summary>
/// <c>toggles require NAME [--on OTHER]... [--off OTHER]... [--none]</c>: replaces the prerequisites of a switch's or
/// flag's stored state. Prerequisites name declared toggles, so the command needs <c>--assembly</c>.
/// </summary>
internal sealed class RequireCommand : CliCommand
{
    public override string Name => "require";

    public override StoreAccess Access => StoreAccess.Write;

    public override int Arguments => 2;

    protected override IEnumerable<string> Options => ["actor", "roles", "reason", "expect-version", "on", "off", "none"];

    public override async Task<int> RunAsync(CommandContext context)
    {
        var name = context.ToggleName(1);
        var line = context.Line;
        List<TogglePrerequisite> prerequisites =
        [
            .. line.GetAll("on").Select(t => new TogglePrerequisite(Checked(t), Enabled: true)),
            .. line.GetAll("off").Select(t => new TogglePrerequisite(Checked(t), Enabled: false)),
        ];
        if (line.Has("none") == prerequisites.Count > 0)
        {
            throw new UsageException("Name the prerequisites with --on OTHER and --off OTHER (repeatable), or clear them with --none alone.");
        }

        if (!context.Session.HasDeclarations)
        {
            throw new UsageException("'require' needs --assembly: prerequisites name declared toggles, and cycles are checked against them.");
        }

        var expected = context.ExpectedVersion;
        await context.RequireKnownAsync(name).ConfigureAwait(false);
        var record = await context.Session.Admin.SetPrerequisitesAsync(name, prerequisites, context.Actor, context.Reason, expected).ConfigureAwait(false);
        var what = prerequisites.Count == 0 ? "nothing" : string.Join(", ", prerequisites);
        await context.Output.LineAsync($"{name} requires {what} (version {record.Version})").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static string Checked(string toggle)
        => ToggleNames.IsValidFullName(toggle)
            ? toggle
            : throw new UsageException($"'{toggle}' is not a valid toggle name (expected namespace.name in lower case).");
}
