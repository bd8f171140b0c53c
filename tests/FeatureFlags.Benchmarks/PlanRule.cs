using System.Text.Json;

namespace FeatureFlags.Benchmarks;

/// <summary>The README's custom rule: on for contexts whose <c>plan</c> attribute is listed in <c>{"plans": [...]}</c>.</summary>
internal sealed class PlanRule : IToggleRule
{
    public IToggleRuleMatcher Compile(string toggle, JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty("plans", out var plans) || plans.ValueKind != JsonValueKind.Array)
        {
            throw new ArgumentException("expected {\"plans\": [\"plan\", ...]}");
        }

        return new Matcher(plans.EnumerateArray().Select(p => p.GetString() ?? throw new ArgumentException("plans must be strings")).ToHashSet(StringComparer.Ordinal));
    }

    private sealed class Matcher(HashSet<string> plans) : IToggleRuleMatcher
    {
        public bool Matches(ToggleContext context) => context.Attributes.TryGetValue("plan", out var plan) && plans.Contains(plan);
    }
}
