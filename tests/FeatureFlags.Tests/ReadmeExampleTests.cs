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

    [Test]
    public async Task ReleaseGroupPrerequisiteAndRevertExamples_PrintWhatTheReadmeShows()
    {
        var services = new ServiceCollection();
        services.AddFeatureToggles().AddToggles(ReleaseToggles.Release2, ReleaseToggles.NewBasket, PaymentToggles.PaymentsV2);
        using var provider = services.BuildServiceProvider();
        var admin = provider.GetRequiredService<IToggleAdmin>();
        var toggles = provider.GetRequiredService<IToggles>();

        // Release groups
        await admin.SetAsync(ReleaseToggles.Release2, true, new ToggleActor("ana"), "release 2 goes live");
        Assert.That(toggles.Explain(ReleaseToggles.NewBasket).ToString(), Is.EqualTo("storefront.new_basket = on by ReleaseGroup: on by group storefront.release_2"));

        // Prerequisites (payments v2 is switched off)
        await admin.SetAsync(PaymentToggles.PaymentsV2, false, new ToggleActor("ana"));
        await admin.SetPrerequisitesAsync("storefront.new_basket", [new TogglePrerequisite("storefront.payments_v2")], new ToggleActor("ana"));
        Assert.That(toggles.Explain(ReleaseToggles.NewBasket).ToString(), Is.EqualTo(
            "storefront.new_basket = off by PrerequisiteFailed: off: prerequisite storefront.payments_v2 must be on but is off (switched off)"));
        await admin.RequireAsync(ReleaseToggles.NewBasket, new ToggleActor("ana"), PaymentToggles.PaymentsV2);

        // Revert: undo the last change (the second, identical prerequisites write), then the one before.
        await admin.SetAsync(ReleaseToggles.NewBasket, true, new ToggleActor("ana"));
        var history = await admin.GetHistoryAsync("storefront.new_basket");
        await admin.RevertAsync("storefront.new_basket", toVersion: history[^2].Version, new ToggleActor("ana"), "undo the last change");
        var stored = await provider.GetRequiredService<FeatureFlags.Storage.IToggleStore>().GetAsync("storefront.new_basket");
        Assert.That(stored!.Value, Is.EqualTo(history[^2].After));
        Assert.That((await admin.GetHistoryAsync("storefront.new_basket"))[^1].Reason, Is.EqualTo("undo the last change"));
    }

    [Test]
    public async Task RulesOnlyOverrideExample_KeepsACoursesOptOut()
    {
        var services = new ServiceCollection();
        services.AddFeatureToggles().AddToggles(CoursewareToggles.NewOutline);
        using var provider = services.BuildServiceProvider();
        var admin = provider.GetRequiredService<IToggleAdmin>();
        var toggles = provider.GetRequiredService<IToggles>();
        await admin.SetCourseOverrideAsync(CoursewareToggles.NewOutline, "course-v1:Acme+CS101+2026", false, new ToggleActor("ana"));

        using (toggles.Override(CoursewareToggles.NewOutline, new FlagRules { Everyone = true }))
        {
            Assert.That(toggles.IsEnabled(CoursewareToggles.NewOutline, "course-v1:Acme+CS101+2026"), Is.False);
            Assert.That(toggles.IsEnabled(CoursewareToggles.NewOutline, "course-v1:Other+CS101+2026"), Is.True);
        }
    }

    public static class ReleaseToggles
    {
        private static readonly ToggleNamespace Ns = new("storefront");

        public static readonly ToggleGroup Release2 = Ns.Group("release_2", new()
        {
            Description = "Everything that ships with release 2.",
            UseCases = ToggleUseCases.IncrementalRelease,
            CreatedOn = new DateOnly(2026, 12, 1),
            TargetRemovalOn = new DateOnly(2027, 3, 1),
        });

        public static readonly Switch NewBasket = Ns.Switch("new_basket", new()
        {
            Description = "The rewritten basket.",
            UseCases = ToggleUseCases.IncrementalRelease,
            CreatedOn = new DateOnly(2026, 12, 1),
            TargetRemovalOn = new DateOnly(2027, 3, 1),
            Group = "release_2",
        });
    }

    public static class PaymentToggles
    {
        private static readonly ToggleNamespace Ns = new("storefront");

        public static readonly Switch PaymentsV2 = Ns.Switch("payments_v2", new()
        {
            Description = "The second payment provider.",
            UseCases = ToggleUseCases.IncrementalRelease,
            CreatedOn = new DateOnly(2026, 12, 1),
        });
    }

    public static class CoursewareToggles
    {
        private static readonly ToggleNamespace Ns = new("courseware");

        public static readonly CourseFlag NewOutline = Ns.CourseFlag("new_outline", new()
        {
            Description = "The new course outline.",
            UseCases = ToggleUseCases.IncrementalRelease,
            CreatedOn = new DateOnly(2026, 12, 1),
        });
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
