namespace FeatureFlags;

/// <summary>
/// A custom rule compiled for one flag's parameters by <see cref="IToggleRule.Compile"/>.
/// </summary>
public interface IToggleRuleMatcher
{
    /// <summary>
    /// Returns whether the rule matches the context, turning the flag on. Called on every evaluation that reaches the
    /// rule, from any thread: it must be thread-safe and should not allocate or do I/O. An exception is logged once per
    /// loaded state and counts as no match.
    /// </summary>
    /// <param name="context">Who and where the flag is evaluated for, including <see cref="ToggleContext.Attributes"/>.</param>
    /// <returns><see langword="true"/> when the rule matches.</returns>
    bool Matches(ToggleContext context);
}
