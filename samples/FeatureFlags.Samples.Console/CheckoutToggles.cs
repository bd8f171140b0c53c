namespace FeatureFlags.Samples.Console;

/// <summary>
/// The checkout team's toggles, in their own namespace so they never collide with another team's.
/// </summary>
public static class CheckoutToggles
{
    private static readonly ToggleNamespace Ns = new("checkout");

    public static readonly Switch NewCart = Ns.Switch("new_cart", new()
    {
        Description = "Serves the rewritten cart page.",
        UseCases = ToggleUseCases.IncrementalRelease,
        CreatedOn = new DateOnly(2026, 10, 1),
        TargetRemovalOn = new DateOnly(2027, 1, 31),
        Owner = "checkout-team",
    });

    public static readonly Flag OneClickPay = Ns.Flag("one_click_pay", new()
    {
        Description = "One-click payment for returning customers, rolled out by percent.",
        UseCases = ToggleUseCases.MonitoredRollout | ToggleUseCases.BetaTesting,
        CreatedOn = new DateOnly(2026, 11, 2),
        TargetRemovalOn = new DateOnly(2027, 3, 1),
        Owner = "payments",
        ExposeToClients = true,
    });
}
