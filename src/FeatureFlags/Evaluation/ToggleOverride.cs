namespace FeatureFlags;

/// <summary>
/// Forces toggle values by full name for the current async flow, for test frameworks and tools that do not hold the
/// toggle's declaration. Same semantics as <see cref="IToggles.Override(Toggle, bool)"/>.
/// </summary>
public static class ToggleOverride
{
    /// <summary>
    /// Forces a toggle's value until the returned handle is disposed; optionally only for one course or organisation key.
    /// </summary>
    /// <param name="fullName">The toggle's full name, <c>namespace.name</c>.</param>
    /// <param name="enabled">The forced value.</param>
    /// <param name="subject">A course key (course flags) or organisation key (organisation flags), or <see langword="null"/> for every key.</param>
    /// <returns>A handle that removes the override when disposed.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="fullName"/> is not a valid toggle name, or no toggle held in a static field or property of the
    /// loaded assemblies (and the assemblies they reference) has that name; the message names the nearest declared one.
    /// </exception>
    public static IDisposable Set(string fullName, bool enabled, string? subject = null)
    {
        ToggleNames.ValidateFullName(fullName, nameof(fullName));
        DeclaredToggleNames.EnsureDeclared(fullName, nameof(fullName));
        return ToggleEvaluator.PushOverride(fullName, subject, enabled);
    }

    /// <summary>
    /// Replaces only a flag's own stored rules on the current asynchronous flow until the handle is disposed: site,
    /// course and organisation overrides, release groups and prerequisites still apply, as edx's
    /// <c>override_waffle_flag</c> does.
    /// </summary>
    /// <param name="fullName">The flag's full name (a flag, course flag or organisation flag).</param>
    /// <param name="rules">The rules that stand in for the stored ones.</param>
    /// <returns>A handle that restores the previous state when disposed.</returns>
    /// <exception cref="ArgumentException">The name is invalid, names no declared toggle (with a suggestion), or the rules are invalid.</exception>
    public static IDisposable SetRules(string fullName, FlagRules rules)
    {
        ToggleNames.ValidateFullName(fullName, nameof(fullName));
        ArgumentNullException.ThrowIfNull(rules);
        DeclaredToggleNames.EnsureDeclared(fullName, nameof(fullName));
        return ToggleEvaluator.PushRules(fullName, rules);
    }
}
