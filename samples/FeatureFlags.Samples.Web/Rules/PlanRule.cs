using System.Text.Json;

namespace FeatureFlags.Samples.Web.Rules;

/// <summary>
/// A custom rule: on for customers whose plan (the context attribute <c>plan</c>) is one of the listed plans.
/// Stored with a flag as <c>{"name": "plan", "parameters": {"plans": ["pro", "team"]}}</c>.
/// </summary>
public sealed class PlanRule : IToggleRule
{
    /// <inheritdoc />
    public IToggleRuleMatcher Compile(string toggle, JsonElement parameters)
    {
        // Checked when the rules are written (bad parameters are refused with this message) and once per load.
        if (parameters.ValueKind != JsonValueKind.Object
            || !parameters.TryGetProperty("plans", out var plans)
            || plans.ValueKind != JsonValueKind.Array
            || plans.GetArrayLength() == 0
            || plans.EnumerateArray().Any(p => p.ValueKind != JsonValueKind.String))
        {
            throw new ArgumentException("""expected {"plans": ["name", ...]} with at least one plan""");
        }

        return new Matcher(plans.EnumerateArray().Select(p => p.GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    // Runs on every evaluation: two lookups, no allocation.
    private sealed class Matcher(HashSet<string> plans) : IToggleRuleMatcher
    {
        public bool Matches(ToggleContext context)
            => context.Attributes.TryGetValue("plan", out var plan) && plans.Contains(plan);
    }
}
