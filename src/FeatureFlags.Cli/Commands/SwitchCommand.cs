namespace FeatureFlags.Cli.Commands;

/// <summary><c>toggles switch NAME on|off [--from T] [--until T]</c>.</summary>
internal sealed class SwitchCommand : CliCommand
{
    public override string Name => "switch";

    public override StoreAccess Access => StoreAccess.Write;

    public override int Arguments => 3;

    protected override IEnumerable<string> Options => [.. WriteOptions, .. ScheduleOptions, "expect-version"];

    public override async Task<int> RunAsync(CommandContext context)
    {
        var name = context.ToggleName(1);
        var on = OnOff.Parse(context.Line.Positional(2, "on or off"), "switch value");
        var expected = context.ExpectedVersion;
        var schedule = context.Schedule;
        await context.RequireKnownAsync(name).ConfigureAwait(false);
        var record = await context.Session.Admin.SetSwitchAsync(name, on, context.Actor, context.Reason, expected, schedule).ConfigureAwait(false);
        await context.Output.LineAsync($"{name} switched {(on ? "on" : "off")}{CommandContext.Scheduled(schedule)} (version {record.Version})").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
