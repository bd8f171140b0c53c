using Microsoft.Extensions.Logging;

namespace FeatureFlags;

/// <summary>
/// One custom rule of a loaded flag: its compiled matcher, or none when the rule is not registered or refused its
/// parameters (it then never matches). Created per loaded state, so a throwing rule is logged once per state.
/// </summary>
internal sealed class CustomRuleBinding(string toggle, CustomRule rule, IToggleRuleMatcher? matcher, ILogger logger)
{
    private int _failureLogged;

    public CustomRule Rule => rule;

    public bool Matches(ToggleContext context)
    {
        if (matcher is null)
        {
            return false;
        }

        try
        {
            return matcher.Matches(context);
        }
#pragma warning disable CA1031 // A failing rule is no match; the flag's other rules still answer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (Interlocked.Exchange(ref _failureLogged, 1) == 0)
            {
                Log.CustomRuleFailed(logger, rule.Name, toggle, ex);
            }

            return false;
        }
    }
}
