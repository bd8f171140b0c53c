using FeatureFlags.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace FeatureFlags.Tests.Evaluation;

public class SiteOverrideTests
{
    private static readonly ToggleContext WhiteLabel = new() { UserId = "u", Site = "white.example" };
    private static readonly ToggleContext MainSite = new() { UserId = "u", Site = "www.example" };

    [Test]
    public async Task SiteOverride_AppliesToEveryToggleType_OnlyOnThatSite()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["FeatureToggles:tests.legacy_export"] = "true" })
            .Build();
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All), configuration: configuration);
        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator);
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Everyone = true }, Actors.Operator);
        foreach (var toggle in new Toggle[] { TestToggles.Kill, TestToggles.Beta, TestToggles.Outline, TestToggles.Legacy })
        {
            await harness.Admin.SetSiteOverrideAsync(toggle, "white.example", false, Actors.Operator);
        }

        Assert.Multiple(() =>
        {
            foreach (var toggle in new Toggle[] { TestToggles.Kill, TestToggles.Beta, TestToggles.Legacy })
            {
                Assert.That(harness.Toggles.Explain(toggle, WhiteLabel).Reason, Is.EqualTo(ToggleReason.Site), toggle.FullName);
                Assert.That(harness.Toggles.IsEnabled(toggle, WhiteLabel), Is.False, toggle.FullName);
                Assert.That(harness.Toggles.IsEnabled(toggle, MainSite), Is.True, toggle.FullName);
            }

            Assert.That(harness.Toggles.Explain(TestToggles.Outline, "course-v1:A+B+C", WhiteLabel).Reason, Is.EqualTo(ToggleReason.Site));
        });
    }
}
