
namespace FeatureFlags.Cli.Commands;

/// <summary>
/// <c>toggles flag NAME [rule options] [--from T] [--until T | --always]</c>: changes a flag's rules from their stored
/// value. The stored schedule is kept unless <c>--from</c>/<c>--until</c> replace it or <c>--always</c> removes it.
/// </summary>
internal sealed class FlagCommand : CliCommand
{
    public override string Name => "flag";

    public override StoreAccess Access => StoreAccess.Write;

    public override int Arguments => 2;

    private static readonly string[] RuleOptions =
        ["everyone", "percent", "add-user", "remove-user", "add-group", "remove-group", "staff", "superusers", "authenticated", "languages", "testing", "rule", "remove-rule", "match-nobody"];

    protected override IEnumerable<string> Options => [.. WriteOptions, .. ScheduleOptions, "always", "expect-version", .. RuleOptions];

    public override async Task<int> RunAsync(CommandContext context)
    {
        var name = context.ToggleName(1);
        var line = context.Line;
        var percent = line.GetDecimal("percent", "from 0 to 100");
        var everyone = line.Get("everyone") is { } e ? (e == "unset" ? (bool?)null : OnOff.Parse(e, "--everyone")) : null;
        var staff = OnOff.Option(line, "staff");
        var superusers = OnOff.Option(line, "superusers");
        var authenticated = OnOff.Option(line, "authenticated");
        var testing = OnOff.Option(line, "testing");
        var customRules = CustomRuleOptions.Read(line);
        var expected = context.ExpectedVersion;
        var schedule = context.Schedule;
        var reschedules = schedule is not null || line.Has("always");
        if (schedule is not null && line.Has("always"))
        {
            throw new UsageException("--always removes the schedule; it cannot be combined with --from or --until.");
        }

        if (!RuleOptions.Any(line.Has) && !reschedules)
        {
            throw new UsageException($"Nothing to change: name at least one rule option ({string.Join(", ", RuleOptions.Select(r => "--" + r))}), or --from, --until or --always.");
        }

        await context.RequireKnownAsync(name).ConfigureAwait(false);

        FlagRules Update(FlagRules rules) => rules with
        {
            Everyone = line.Has("everyone") ? everyone : rules.Everyone,
            Percent = percent ?? rules.Percent,
            Staff = staff ?? rules.Staff,
            Superusers = superusers ?? rules.Superusers,
            Authenticated = authenticated ?? rules.Authenticated,
            Testing = testing ?? rules.Testing,
            Users = Edit(line, rules.Users, "add-user", "remove-user"),
            Groups = Edit(line, rules.Groups, "add-group", "remove-group"),
            Languages = line.Get("languages") is { } languages ? languages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : rules.Languages,
            CustomRules = customRules.Apply(rules.CustomRules),
            MatchNobody = line.Has("match-nobody") || rules.MatchNobody,
        };

        // The edit applies to the version the caller read (--expect-version), or to whatever is stored now.
        var record = await context.Session.Admin.UpdateFlagAsync(name, Update, context.Actor, context.Reason, expected, stored => reschedules ? schedule : stored).ConfigureAwait(false);

        var written = StoredValueCodec.DecodeRules(record.Value);
        await context.Output.LineAsync($"{name}: {(written as StoredFlag)?.Rules}{CommandContext.Scheduled(written.Schedule)} (version {record.Version})").ConfigureAwait(false);
        if (customRules.Sets)
        {
            await context.Output.LineAsync("Note: custom rules run in the application; it checks their names and parameters when it loads them and logs any it cannot use.").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    private static IReadOnlyList<string> Edit(CommandLine line, IReadOnlyList<string> current, string add, string remove)
        => [.. current.Except(line.GetAll(remove), StringComparer.Ordinal).Union(line.GetAll(add), StringComparer.Ordinal)];
}
