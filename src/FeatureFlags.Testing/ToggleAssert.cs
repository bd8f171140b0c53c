using System.Reflection;
using NUnit.Framework;

namespace FeatureFlags.Testing;

/// <summary>
/// Assertions that make a project's CI fail on toggle debt: add one test that calls them on your assemblies.
/// </summary>
/// <example><code>ToggleAssert.NoExpiredToggles(typeof(CheckoutToggles).Assembly);</code></example>
public static class ToggleAssert
{
    /// <summary>
    /// Fails if any toggle declared in the assemblies has a target removal date before <paramref name="today"/>: the
    /// lint rule <c>expired</c>.
    /// </summary>
    /// <param name="today">The date to check against; today (UTC) when <see langword="null"/>.</param>
    /// <param name="assemblies">The assemblies to scan.</param>
    /// <exception cref="ArgumentException">No assembly is named.</exception>
    public static void NoExpiredToggles(DateOnly? today, params Assembly[] assemblies)
        => FailOn(Findings(assemblies, today, null).Where(f => f.Finding.Rule == "expired"),
            $"Toggles past their target removal date ({Today(today):yyyy-MM-dd})");

    /// <inheritdoc cref="NoExpiredToggles(DateOnly?, Assembly[])"/>
    public static void NoExpiredToggles(params Assembly[] assemblies) => NoExpiredToggles(null, assemblies);

    /// <summary>
    /// Fails on the documentation findings that lint reports as warnings or errors: a temporary toggle (no long-lived
    /// use case) without a target removal date (<c>missing-removal-date</c>). A missing owner (<c>missing-owner</c>)
    /// is information in lint and does not fail here either; use
    /// <see cref="NoLintFindings(ToggleLintSeverity, Assembly[])"/> with <see cref="ToggleLintSeverity.Info"/> to fail on
    /// it. Description, use cases and created-on date are already required at declaration.
    /// </summary>
    /// <param name="assemblies">The assemblies to scan.</param>
    /// <exception cref="ArgumentException">No assembly is named.</exception>
    public static void AllDocumented(params Assembly[] assemblies)
        => FailOn(Findings(assemblies, null, null).Where(f => ToggleLintRules.Documentation.Contains(f.Finding.Rule) && f.Finding.Severity >= ToggleLintSeverity.Warning),
            "Undocumented toggles");

    /// <summary>
    /// Fails on every finding of the declaration lint rules (<c>expired</c>, <c>stale</c>, <c>missing-removal-date</c>,
    /// <c>missing-owner</c>) at or above <paramref name="minimumSeverity"/>: the same rules, severities and messages as
    /// <see cref="IToggleReporter.LintAsync"/>.
    /// </summary>
    /// <param name="minimumSeverity">The least severe finding that fails.</param>
    /// <param name="assemblies">The assemblies to scan.</param>
    /// <exception cref="ArgumentException">No assembly is named.</exception>
    public static void NoLintFindings(ToggleLintSeverity minimumSeverity, params Assembly[] assemblies)
        => NoLintFindings(minimumSeverity, null, null, assemblies);

    /// <summary>
    /// Fails on every finding of the declaration lint rules at or above <paramref name="minimumSeverity"/>, with the
    /// application's lint options and a fixed date.
    /// </summary>
    /// <param name="minimumSeverity">The least severe finding that fails.</param>
    /// <param name="options">The lint options the application configures (<c>o.Lint</c>); the defaults when <see langword="null"/>.</param>
    /// <param name="today">The date to check against; today (UTC) when <see langword="null"/>.</param>
    /// <param name="assemblies">The assemblies to scan.</param>
    /// <exception cref="ArgumentException">No assembly is named.</exception>
    public static void NoLintFindings(ToggleLintSeverity minimumSeverity, ToggleLintOptions? options, DateOnly? today, params Assembly[] assemblies)
        => FailOn(Findings(assemblies, today, options).Where(f => f.Finding.Severity >= minimumSeverity),
            $"Toggle lint findings at {minimumSeverity} or above");

    /// <summary>
    /// Fails if two different declarations across the assemblies share a full name (one name, one default, one type).
    /// </summary>
    /// <param name="assemblies">The assemblies to scan.</param>
    public static void NoDuplicateNames(params Assembly[] assemblies)
    {
        var duplicates = Discover(assemblies)
            .GroupBy(t => t.Toggle.FullName, StringComparer.Ordinal)
            .Where(g => g.Select(t => t.Toggle).Distinct().Count() > 1)
            .Select(g => $"{g.Key} is declared by {string.Join(" and ", g.Select(t => t.Declarer).Distinct())}")
            .ToList();
        FailIfAny(duplicates, "Toggle names declared more than once");
    }

    private static List<(Toggle Toggle, string Declarer)> Discover(Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        if (assemblies.Length == 0)
        {
            throw new ArgumentException("Name at least one assembly to check.", nameof(assemblies));
        }

        return [.. assemblies.Distinct().SelectMany(a => ToggleRegistry.Discover(a))];
    }

    private static DateOnly Today(DateOnly? today) => today ?? DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    private static List<(ToggleLintFinding Finding, string Declarer)> Findings(Assembly[] assemblies, DateOnly? today, ToggleLintOptions? options)
    {
        var date = Today(today);
        var lint = options ?? new ToggleLintOptions();
        var findings = new List<(ToggleLintFinding Finding, string Declarer)>();
        foreach (var group in Discover(assemblies).GroupBy(t => t.Toggle))
        {
            var declarer = group.First().Declarer;
            findings.AddRange(ToggleLintRules.Check(group.Key, date, lint).Select(f => (f, declarer)));
        }

        return ToggleLintRules.Order(findings, f => f.Finding);
    }

    private static void FailOn(IEnumerable<(ToggleLintFinding Finding, string Declarer)> findings, string title)
        => FailIfAny([.. findings.Select(f => $"{f.Finding} (declared in {f.Declarer})")], title);

    private static void FailIfAny(List<string> problems, string title)
    {
        if (problems.Count > 0)
        {
            Assert.Fail($"{title}:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems));
        }
    }
}
