using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Tests;

/// <summary>
/// The README's usage example, kept compiling and true here. Change both together.
/// </summary>
public class ReadmeExampleTests
{
    [Test]
    public async Task UsageExample_RunsAndExplainsTheGroupRule()
    {
        var services = new ServiceCollection();
        services.AddFeatureToggles().AddTogglesFromAssemblyContaining(typeof(CheckoutToggles));
        using var provider = services.BuildServiceProvider();

        var admin = provider.GetRequiredService<IToggleAdmin>();
        await admin.SetAsync(CheckoutToggles.OneClickPay, new FlagRules { Percent = 30, Groups = ["beta-testers"] },
            new ToggleActor("ana"), "30 % rollout");

        var toggles = provider.GetRequiredService<IToggles>();
        using (toggles.BeginScope(new ToggleContext { UserId = "grace", Groups = ["beta-testers"] }))
        {
            Assert.That(toggles.IsEnabled(CheckoutToggles.OneClickPay), Is.True);
            Assert.That(toggles.Explain(CheckoutToggles.OneClickPay).ToString(), Does.StartWith("checkout.one_click_pay = on by Group: "));
        }
    }

    public static class CheckoutToggles
    {
        private static readonly ToggleNamespace Ns = new("checkout");

        public static readonly Flag OneClickPay = Ns.Flag("one_click_pay", new()
        {
            Description = "One-click payment for returning customers, rolled out by percent.",
            UseCases = ToggleUseCases.MonitoredRollout | ToggleUseCases.BetaTesting,
            CreatedOn = new DateOnly(2026, 11, 2),
            TargetRemovalOn = new DateOnly(2027, 3, 1),
        });
    }
}
