using System.Text.Json;

namespace FeatureFlags.Tests.Support;

/// <summary>Custom rules for the tests.</summary>
internal static class TestRules
{
    public static CustomRule Plan(params string[] plans) => CustomRule.FromJson("plan", JsonSerializer.Serialize(new { plans }));

    /// <summary>On for contexts whose <c>plan</c> attribute is one of <c>{"plans": [...]}</c>.</summary>
    public sealed class PlanRule : IToggleRule
    {
        public int Compiled { get; private set; }

        public IToggleRuleMatcher Compile(string toggle, JsonElement parameters)
        {
            if (parameters.ValueKind != JsonValueKind.Object
                || !parameters.TryGetProperty("plans", out var plans)
                || plans.ValueKind != JsonValueKind.Array
                || plans.EnumerateArray().Any(p => p.ValueKind != JsonValueKind.String))
            {
                throw new ArgumentException("expected {\"plans\": [\"plan\", ...]}", nameof(parameters));
            }

            Compiled++;
            return new Matcher([.. plans.EnumerateArray().Select(p => p.GetString()!)]);
        }

        private sealed class Matcher(HashSet<string> plans) : IToggleRuleMatcher
        {
            public bool Matches(ToggleContext context)
                => context.Attributes.TryGetValue("plan", out var plan) && plans.Contains(plan);
        }
    }

    /// <summary>Accepts any parameters; matching throws for contexts with the attribute <c>boom</c>.</summary>
    public sealed class ThrowingRule : IToggleRule
    {
        public IToggleRuleMatcher Compile(string toggle, JsonElement parameters) => new Matcher();

        private sealed class Matcher : IToggleRuleMatcher
        {
            public bool Matches(ToggleContext context)
                => context.Attributes.ContainsKey("boom") ? throw new InvalidOperationException("rule failed") : false;
        }
    }
}
