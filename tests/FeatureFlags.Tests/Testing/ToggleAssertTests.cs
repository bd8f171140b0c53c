using FeatureFlags.Testing;
using FeatureFlags.Tests.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Tests.Testing;

/// <summary>
/// <see cref="ToggleAssert"/> and lint share one set of declaration rules: they name the same problems, with the same
/// severity and text.
/// </summary>
public class ToggleAssertTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    [TestCase(ToggleLintSeverity.Info)]
    [TestCase(ToggleLintSeverity.Warning)]
    [TestCase(ToggleLintSeverity.Error)]
    public async Task NoLintFindings_FailsOnExactlyTheDeclarationFindingsLintReports(ToggleLintSeverity minimum)
    {
        var lint = await LintAsync();
        var expected = lint
            .Where(f => f.Severity >= minimum && f.Rule is "expired" or "stale" or "missing-removal-date" or "missing-owner")
            .Select(f => f.ToString())
            .ToList();

        var failure = Assert.Throws<AssertionException>(() => ToggleAssert.NoLintFindings(minimum, null, Today, typeof(LifecycleToggles).Assembly));
        var reported = failure!.Message.Split(Environment.NewLine)
            .Select(l => l.Trim())
            .Where(l => l.Contains(" lifecycle.", StringComparison.Ordinal))
            .Select(l => l[..l.LastIndexOf(" (declared in ", StringComparison.Ordinal)])
            .ToList();

        Assert.That(expected, Is.Not.Empty);
        Assert.That(reported, Is.EqualTo(expected));
    }

    [Test]
    public async Task AllDocumented_FailsOnTheDocumentationWarnings_NotOnTheMissingOwnerLintRatesInfo()
    {
        var lint = await LintAsync();
        Assert.That(lint.Single(f => f.Toggle == "lifecycle.fresh_beta" && f.Rule == "missing-owner").Severity, Is.EqualTo(ToggleLintSeverity.Info));

        var failure = Assert.Throws<AssertionException>(() => ToggleAssert.AllDocumented(typeof(LifecycleToggles).Assembly));

        Assert.That(failure!.Message, Does.Contain("WARNING lifecycle.fresh_beta [missing-removal-date]").And.Not.Contain("missing-owner"));
    }

    [Test]
    public void NoExpiredToggles_ReportsLintsExpiredFindingWithItsDeclarer()
    {
        var failure = Assert.Throws<AssertionException>(() => ToggleAssert.NoExpiredToggles(Today, typeof(LifecycleToggles).Assembly));

        Assert.That(failure!.Message, Does.Contain("ERROR lifecycle.expired [expired] Its target removal date 2026-10-31 passed 22 days ago.")
            .And.Contain("declared in").And.Contain(nameof(LifecycleToggles)));
    }

    private static async Task<IReadOnlyList<ToggleLintFinding>> LintAsync()
    {
        using var harness = ToggleHarness.Create(b =>
        {
            b.AddToggles(LifecycleToggles.All);
            b.Services.AddSingleton<TimeProvider>(new ManualTimeProvider(Now));
        });
        return await harness.Provider.GetRequiredService<IToggleReporter>().LintAsync();
    }
}
