using System.Text.Json;

namespace FeatureFlags;

/// <summary>
/// A named rule that a <see cref="Flag"/>'s stored rules can reference (<see cref="FlagRules.CustomRules"/>), registered at
/// start-up with <see cref="FeatureTogglesBuilder.AddToggleRule{TRule}(string)"/>. The rule turns the flag on for the
/// contexts it matches, like the built-in rules.
/// </summary>
/// <remarks>
/// <see cref="Compile"/> runs when a flag referencing the rule is written through <see cref="IToggleAdmin"/> (to refuse
/// bad parameters with the rule's own message) and once each time the stored rules are loaded into the process cache;
/// the matcher it returns then answers every evaluation, so it should not allocate.
/// </remarks>
public interface IToggleRule
{
    /// <summary>
    /// Checks and parses the parameters stored with a flag into a matcher.
    /// </summary>
    /// <param name="toggle">The full name of the flag that references the rule.</param>
    /// <param name="parameters">The stored parameters: any JSON value, <c>null</c> when none were given.</param>
    /// <returns>The matcher that evaluates the rule for these parameters.</returns>
    /// <exception cref="ArgumentException">The parameters are not valid for this rule. The message is shown to whoever wrote
    /// them, so it should say what is expected. Any other exception refuses the parameters too.</exception>
    IToggleRuleMatcher Compile(string toggle, JsonElement parameters);
}
