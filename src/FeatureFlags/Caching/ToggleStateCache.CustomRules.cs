
namespace FeatureFlags;

// Custom rules: compiled once when a flag's stored rules are loaded, never on the evaluation path.
internal sealed partial class ToggleStateCache
{
    /// <summary>
    /// Compiles the custom rules of a loaded flag. A rule that is not registered, or that refuses its stored parameters,
    /// is logged once per stored version and bound without a matcher, so it never matches while the flag's other rules
    /// still answer. Called under the cache lock.
    /// </summary>
    private CompiledRules BindCustomRules(ToggleRecord record, CompiledRules rules)
    {
        if (rules is not CompiledFlag { Rules.CustomRules: { Count: > 0 } custom } flag)
        {
            return rules;
        }

        var bindings = new CustomRuleBinding[custom.Count];
        for (var i = 0; i < custom.Count; i++)
        {
            var rule = custom[i];
            IToggleRuleMatcher? matcher = null;
            if (!_rules.TryGet(rule.Name, out var registered))
            {
                if (FirstRuleReport(record, rule.Name))
                {
                    Log.CustomRuleNotRegistered(_logger, record.Key, rule.Name);
                }
            }
            else
            {
                try
                {
                    matcher = registered.Compile(record.Key, rule.Parameters);
                }
#pragma warning disable CA1031 // A rule that refuses its parameters never matches; loading the other toggles goes on.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    if (FirstRuleReport(record, rule.Name))
                    {
                        Log.CustomRuleInvalidParameters(_logger, rule.Name, record.Key, ToggleErrors.Message(ex));
                    }
                }
            }

            bindings[i] = new CustomRuleBinding(record.Key, rule, matcher, _logger);
        }

        flag.Bind(bindings);
        return flag;
    }

    /// <summary>Returns true the first time a rule of a given version of a key is reported, so reloads do not repeat it.</summary>
    private bool FirstRuleReport(ToggleRecord record, string rule)
        => _reportedRules.Add((record.Key, rule, record.Version));
}
