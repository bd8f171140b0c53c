namespace FeatureFlags;

/// <summary>
/// The custom rules registered at start-up, by name. Rules are resolved from the container on first use, so a rule can
/// depend on other services.
/// </summary>
internal sealed class ToggleRuleRegistry
{
    private readonly IReadOnlyDictionary<string, Func<IServiceProvider, IToggleRule>> _factories;
    private readonly IServiceProvider? _services;
    private readonly Lazy<Dictionary<string, IToggleRule>> _rules;

    public ToggleRuleRegistry(IReadOnlyDictionary<string, Func<IServiceProvider, IToggleRule>> factories, IServiceProvider? services, bool checksRules = true)
    {
        _factories = factories;
        _services = services;
        ChecksRules = checksRules;
        _rules = new Lazy<Dictionary<string, IToggleRule>>(
            () => _factories.ToDictionary(p => p.Key, p => p.Value(_services!), StringComparer.Ordinal),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// Gets a registry for processes that do not run the application's rules (the CLI): writes of custom rules are
    /// accepted on their form alone, and the application checks the parameters when it loads them.
    /// </summary>
    public static ToggleRuleRegistry Unchecked { get; } = new(new Dictionary<string, Func<IServiceProvider, IToggleRule>>(), null, checksRules: false);

    /// <summary>Gets a value indicating whether this process knows the application's rules and checks writes against them.</summary>
    public bool ChecksRules { get; }

    public IEnumerable<string> Names => _factories.Keys.Order(StringComparer.Ordinal);

    public bool TryGet(string name, out IToggleRule rule) => _rules.Value.TryGetValue(name, out rule!);

    /// <summary>
    /// Checks every custom rule of a flag being written: the name must be registered and the rule must accept its
    /// parameters. Returns the first problem, worded for whoever wrote the rules, or <see langword="null"/>.
    /// </summary>
    public string? Check(string toggle, IReadOnlyList<CustomRule> rules)
    {
        if (!ChecksRules)
        {
            return null;
        }

        foreach (var rule in rules)
        {
            if (!TryGet(rule.Name, out var registered))
            {
                var nearest = NameSuggestions.Nearest(rule.Name, Names);
                var known = _factories.Count == 0 ? "none is registered" : "registered: " + string.Join(", ", Names);
                return $"custom rule '{rule.Name}' is not registered in this application ({known}){(nearest is null ? string.Empty : $"; did you mean {nearest}?")}";
            }

            try
            {
                _ = registered.Compile(toggle, rule.Parameters) ?? throw new InvalidOperationException("the rule returned no matcher");
            }
#pragma warning disable CA1031 // Whatever the rule throws, the parameters are refused with its message.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return $"custom rule '{rule.Name}' refused its parameters {rule.ParametersText}: {ToggleErrors.Message(ex)}";
            }
        }

        return null;
    }
}
