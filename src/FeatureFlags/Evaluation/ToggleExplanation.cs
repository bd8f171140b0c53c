namespace FeatureFlags;

/// <summary>
/// A toggle's value and why: the rule that decided it and a readable detail.
/// </summary>
/// <param name="Toggle">The toggle's full name.</param>
/// <param name="IsEnabled">The value.</param>
/// <param name="Reason">The rule that decided.</param>
/// <param name="Detail">A sentence for people, such as <c>bucket 1234 is below 25 % (25000 of 100000)</c>.</param>
/// <param name="FromScopeCache">Whether the answer was served from the current scope's cache.</param>
public sealed record ToggleExplanation(string Toggle, bool IsEnabled, ToggleReason Reason, string Detail, bool FromScopeCache)
{
    /// <inheritdoc />
    public override string ToString()
        => $"{Toggle} = {(IsEnabled ? "on" : "off")} by {Reason}: {Detail}{(FromScopeCache ? " (scope cache)" : string.Empty)}";
}
