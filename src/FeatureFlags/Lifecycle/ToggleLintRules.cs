namespace FeatureFlags;

/// <summary>
/// The lint rules that judge a declaration on its own (no stored state): <c>expired</c>, <c>stale</c>,
/// <c>missing-removal-date</c> and <c>missing-owner</c>. The one implementation behind both
/// <see cref="IToggleReporter.LintAsync"/> and FeatureFlags.Testing's <c>ToggleAssert</c>, so a test and the lint
/// report always name the same problems with the same severity and text.
/// </summary>
internal static class ToggleLintRules
{
    /// <summary>The rule ids about missing documentation.</summary>
    public static readonly IReadOnlySet<string> Documentation = new HashSet<string>(StringComparer.Ordinal) { "missing-removal-date", "missing-owner" };

    /// <summary>Returns the findings of the declaration rules for one toggle, as of <paramref name="today"/>.</summary>
    public static IEnumerable<ToggleLintFinding> Check(Toggle toggle, DateOnly today, ToggleLintOptions options)
    {
        var name = toggle.FullName;
        var metadata = toggle.Metadata;
        if (metadata.TargetRemovalOn is { } removal && removal < today)
        {
            yield return new(name, "expired", ToggleLintSeverity.Error,
                $"Its target removal date {removal:yyyy-MM-dd} passed {today.DayNumber - removal.DayNumber} days ago.",
                "Remove the toggle and its code paths (step one: code; step two: delete its stored state), or agree a new date.");
        }

        var temporary = metadata.UseCases;
        if (ToggleUseCaseLifetimes.IsTemporary(temporary))
        {
            var lifetime = ToggleReport.UseCaseNames(temporary)
                .Select(Enum.Parse<ToggleUseCases>)
                .Select(u => options.ExpectedLifetimes.TryGetValue(u, out var l) ? l : (TimeSpan?)null)
                .Max();
            if (lifetime is { } expected && metadata.CreatedOn.AddDays((int)expected.TotalDays) < today)
            {
                yield return new(name, "stale", ToggleLintSeverity.Warning,
                    $"Created {metadata.CreatedOn:yyyy-MM-dd} for {string.Join(", ", ToggleReport.UseCaseNames(temporary))}; expected to live {expected.TotalDays:0} days.",
                    "Finish the rollout and remove the toggle, or declare the long-lived use case it has become.");
            }

            if (metadata.TargetRemovalOn is null)
            {
                yield return new(name, "missing-removal-date", ToggleLintSeverity.Warning,
                    "A temporary toggle has no target removal date.",
                    "Set TargetRemovalOn in its metadata.");
            }
        }

        if (options.RequireOwner && string.IsNullOrWhiteSpace(metadata.Owner))
        {
            yield return new(name, "missing-owner", ToggleLintSeverity.Info, "No owner is declared.", "Set Owner in its metadata.");
        }
    }

    /// <summary>Orders findings the way every surface shows them: most severe first, then by toggle and rule.</summary>
    public static IReadOnlyList<ToggleLintFinding> Order(IEnumerable<ToggleLintFinding> findings) => Order(findings, f => f);

    /// <inheritdoc cref="Order(IEnumerable{ToggleLintFinding})"/>
    public static List<T> Order<T>(IEnumerable<T> items, Func<T, ToggleLintFinding> finding)
        => [.. items.OrderByDescending(i => finding(i).Severity).ThenBy(i => finding(i).Toggle, StringComparer.Ordinal).ThenBy(i => finding(i).Rule, StringComparer.Ordinal)];
}
