namespace FeatureFlags.Cli.Commands;

/// <summary><c>toggles delete NAME [--force]</c>: deletes stored state, refused while the toggle is still declared.</summary>
internal sealed class DeleteCommand : CliCommand
{
    public override string Name => "delete";

    public override StoreAccess Access => StoreAccess.Write;

    public override int Arguments => 2;

    protected override IEnumerable<string> Options => ["actor", "roles", "reason", "expect-version", "force"];

    public override async Task<int> RunAsync(CommandContext context)
    {
        var name = context.ToggleName(1);
        var expected = context.ExpectedVersion;
        if (context.Session.Registry.TryGet(name, out var declared) && !context.Line.Has("force"))
        {
            throw new ToggleException(ToggleErrorCode.Refused, $"Refused: {name} is still declared ({declared.DeclaredAt}). Remove it from the code and deploy first (step one), or pass --force.", name);
        }

        await context.RequireDeletableAsync(name).ConfigureAwait(false);
        var deleted = await context.Session.Admin.DeleteAsync(name, context.Actor, context.Reason, expected).ConfigureAwait(false);
        await context.Output.LineAsync($"{name}: {deleted} stored key(s) deleted").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
