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
    /// Fails if any toggle declared in the assemblies has a target removal date before <paramref name="today"/>.
    /// </summary>
    /// <param name="today">The date to check against; today (UTC) when <see langword="null"/>.</param>
    /// <param name="assemblies">The assemblies to scan.</param>
    public static void NoExpiredToggles(DateOnly? today, params Assembly[] assemblies)
    {
        var date = today ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var expired = Discover(assemblies)
            .Where(t => t.Toggle.Metadata.TargetRemovalOn is { } removal && removal < date)
            .Select(t => $"{t.Toggle.FullName} ({t.Declarer}) was due for removal on {t.Toggle.Metadata.TargetRemovalOn:yyyy-MM-dd}")
            .ToList();
        FailIfAny(expired, $"Toggles past their target removal date ({date:yyyy-MM-dd})");
    }

    /// <inheritdoc cref="NoExpiredToggles(DateOnly?, Assembly[])"/>
    public static void NoExpiredToggles(params Assembly[] assemblies) => NoExpiredToggles(null, assemblies);

    /// <summary>
    /// Fails if a toggle declared in the assemblies lacks an owner, or is temporary (no long-lived use case) and lacks a
    /// target removal date. Description, use cases and created-on date are already required at declaration.
    /// </summary>
    /// <param name="assemblies">The assemblies to scan.</param>
    public static void AllDocumented(params Assembly[] assemblies)
    {
        var problems = new List<string>();
        foreach (var (toggle, declarer) in Discover(assemblies))
        {
            if (string.IsNullOrWhiteSpace(toggle.Metadata.Owner))
            {
                problems.Add($"{toggle.FullName} ({declarer}) has no owner");
            }

            if (ToggleUseCaseLifetimes.IsTemporary(toggle.Metadata.UseCases) && toggle.Metadata.TargetRemovalOn is null)
            {
                problems.Add($"{toggle.FullName} ({declarer}) is temporary but has no target removal date");
            }
        }

        FailIfAny(problems, "Undocumented toggles");
    }

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

    private static void FailIfAny(List<string> problems, string title)
    {
        if (problems.Count > 0)
        {
            Assert.Fail($"{title}:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems));
        }
    }
}
