namespace FeatureFlags.Cli.Commands;

/// <summary>
/// <c>toggles group NAME on|off|unset [--from T] [--until T]</c>: switches a release group on or off for every member, or unsets it so that
/// each member follows its own rules.
/// </summary>
internal sealed class GroupCommand : CliCommand
{
    public override string Name => "group";

    public override StoreAccess Access => StoreAccess.Write;

    public override int Arguments => 3;

    protected override IEnumerable<string> Options => [.. WriteOptions, .. ScheduleOptions, "expect-version"];

    public override async Task<int> RunAsync(CommandContext context)
    {
        var name = context.ToggleName(1);
        var value = context.Line.Positional(2, "on, off or unset");
        bool? on = value == "unset" ? null : OnOff.Parse(value, "group value (on, off or unset)");
        var expected = context.ExpectedVersion;
        var schedule = context.Schedule;
        await context.RequireKnownAsync(name).ConfigureAwait(false);
        var record = await context.Session.Admin.SetGroupAsync(name, on, context.Actor, context.Reason, expected, schedule).ConfigureAwait(false);
        await context.Output.LineAsync(record is null
            ? $"{name} unset: every member follows its own rules"
            : $"{name} {(on == true ? "on" : "off")} for every member{CommandContext.Scheduled(schedule)} (version {record.Version})").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
