using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FeatureFlags;

// Custom rules: registered by name, referenced by flags' stored rules.
public sealed partial class FeatureTogglesBuilder
{
    /// <summary>
    /// Registers a custom rule under a name that flags' stored rules can reference (<see cref="FlagRules.CustomRules"/>).
    /// The rule is created once from the container (as a singleton), so it can depend on other services.
    /// </summary>
    /// <typeparam name="TRule">The rule's type.</typeparam>
    /// <param name="name">The rule's name: lower-case letters, digits and '_', starting with a letter, such as <c>plan</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid rule name, or a rule is already registered under it.</exception>
    /// <example>
    /// <code>services.AddFeatureToggles().AddToggleRule&lt;PlanRule&gt;("plan");</code>
    /// </example>
    public FeatureTogglesBuilder AddToggleRule<TRule>(string name)
        where TRule : class, IToggleRule
    {
        AddRule(name, sp => sp.GetRequiredService<TRule>());
        Services.TryAddSingleton<TRule>();
        return this;
    }

    /// <summary>
    /// Registers a custom rule instance under a name that flags' stored rules can reference (<see cref="FlagRules.CustomRules"/>).
    /// </summary>
    /// <param name="name">The rule's name: lower-case letters, digits and '_', starting with a letter, such as <c>plan</c>.</param>
    /// <param name="rule">The rule.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid rule name, or a rule is already registered under it.</exception>
    public FeatureTogglesBuilder AddToggleRule(string name, IToggleRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        AddRule(name, _ => rule);
        return this;
    }

    private void AddRule(string name, Func<IServiceProvider, IToggleRule> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > FlagRules.MaxCustomRuleNameLength || !ToggleNameRules.IsValidSegment(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid custom rule name: use lower-case letters, digits and '_', starting with a letter, at most {FlagRules.MaxCustomRuleNameLength} characters.",
                nameof(name));
        }

        if (!_registrations.Rules.TryAdd(name, factory))
        {
            throw new ArgumentException($"A custom rule named '{name}' is already registered.", nameof(name));
        }
    }
}
