namespace FeatureFlags;

/// <summary>
/// One lint finding.
/// </summary>
/// <param name="Toggle">The toggle's full name.</param>
/// <param name="Rule">The rule id: <c>expired</c>, <c>stale</c>, <c>missing-owner</c>, <c>missing-removal-date</c>, <c>orphan</c>, <c>setting-shadows-stored-state</c>, <c>configuration-override-shadows-stored-state</c>, <c>configuration-override-ignored</c>, <c>schedule-expired</c>, <c>group-members-expired</c>, <c>prerequisite-undeclared</c>, or one for stored state that writes now refuse: <c>prerequisite-cycle</c>, <c>organization-spellings</c>, <c>group-override-ignored</c>, <c>rules-match-nobody</c>.</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="FixHint">What to do about it.</param>
public sealed record ToggleLintFinding(string Toggle, string Rule, ToggleLintSeverity Severity, string Message, string FixHint)
{
    /// <inheritdoc />
    public override string ToString() => $"{Severity.ToString().ToUpperInvariant()} {Toggle} [{Rule}] {Message} Fix: {FixHint}";
}
