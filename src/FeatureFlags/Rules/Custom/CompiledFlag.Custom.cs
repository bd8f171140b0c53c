namespace FeatureFlags;

// Custom rules: bound once when the state is loaded, then matched after the built-in targeting rules and before the
// percentage.
internal sealed partial class CompiledFlag
{
    private CustomRuleBinding[]? _custom;

    /// <summary>Attaches the compiled custom rules. Called once, before the state is published to evaluation.</summary>
    public void Bind(CustomRuleBinding[] custom) => _custom = custom.Length == 0 ? null : custom;

    /// <summary>Returns the first custom rule that matches the context, for the explanation of a custom rule match.</summary>
    public CustomRule? FirstMatchingCustomRule(ToggleContext context)
    {
        if (_custom is { } custom)
        {
            foreach (var binding in custom)
            {
                if (binding.Matches(context))
                {
                    return binding.Rule;
                }
            }
        }

        return null;
    }

    private static bool MatchesAny(CustomRuleBinding[] custom, ToggleContext context)
    {
        for (var i = 0; i < custom.Length; i++)
        {
            if (custom[i].Matches(context))
            {
                return true;
            }
        }

        return false;
    }
}
