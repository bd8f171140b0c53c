namespace FeatureFlags.Cli.Commands;

/// <summary>
/// The <c>flag</c> command's custom rule options: <c>--rule NAME=JSON</c> sets a rule (replacing the flag's rules of
/// that name; <c>--rule NAME</c> alone stores no parameters) and <c>--remove-rule NAME</c> removes it. The CLI does not run
/// the application's rules, so it checks their form only.
/// </summary>
internal sealed class CustomRuleOptions
{
    private readonly List<CustomRule> _set = [];
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);

    public bool Sets => _set.Count > 0;

    public static CustomRuleOptions Read(CommandLine line)
    {
        var options = new CustomRuleOptions();
        foreach (var value in line.GetAll("rule"))
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? value : value[..equals];
            try
            {
                options._set.Add(equals < 0 ? new CustomRule(name) : CustomRule.FromJson(name, value[(equals + 1)..]));
            }
            catch (ArgumentException ex)
            {
                throw new UsageException($"--rule {value}: {ToggleErrors.Message(ex)}");
            }
        }

        foreach (var name in line.GetAll("remove-rule"))
        {
            options._removed.Add(name);
        }

        return options;
    }

    public IReadOnlyList<CustomRule> Apply(IReadOnlyList<CustomRule> current)
    {
        if (_set.Count == 0 && _removed.Count == 0)
        {
            return current;
        }

        var replaced = new HashSet<string>(_set.Select(r => r.Name), StringComparer.Ordinal);
        return [.. current.Where(r => !_removed.Contains(r.Name) && !replaced.Contains(r.Name)), .. _set];
    }
}
