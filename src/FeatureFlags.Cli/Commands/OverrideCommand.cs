namespace FeatureFlags.Cli.Commands;

/// <summary><c>toggles override course|org|site NAME KEY on|off|clear [--from T] [--until T]</c>.</summary>
internal sealed class OverrideCommand : CliCommand
{
    public override string Name => "override";

    public override StoreAccess Access => StoreAccess.Write;

    public override int Arguments => 5;

    protected override IEnumerable<string> Options => [.. WriteOptions, .. ScheduleOptions, "expect-version"];

    public override async Task<int> RunAsync(CommandContext context)
    {
        var line = context.Line;
        var level = line.Positional(1, "override level (course, org or site)") switch
        {
            "course" => OverrideLevel.Course,
            "org" or "organization" or "organisation" => OverrideLevel.Organization,
            "site" => OverrideLevel.Site,
            var other => throw new UsageException($"Override level must be course, org or site, not '{other}'."),
        };
        var name = context.ToggleName(2);
        var key = line.Positional(3, "override key");
        var value = line.Positional(4, "on, off or clear");
        bool? enabled = value == "clear" ? null : OnOff.Parse(value, "override value");
        var expected = context.ExpectedVersion;
        var schedule = context.Schedule;
        await context.RequireKnownAsync(name).ConfigureAwait(false);
        await context.Session.Admin.SetOverrideAsync(name, level, key, enabled, context.Actor, context.Reason, expected, schedule).ConfigureAwait(false);
        await context.Output.LineAsync($"{name} {line.Positionals[1]} override for '{key}' {(enabled is null ? "cleared" : enabled.Value ? "on" : "off")}{CommandContext.Scheduled(schedule)}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
