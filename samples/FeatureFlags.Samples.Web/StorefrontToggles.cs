namespace FeatureFlags.Samples.Web;

/// <summary>
/// The storefront's toggles: one of each type, and a release group whose two members ship together.
/// </summary>
public static class StorefrontToggles
{
    private static readonly ToggleNamespace Ns = new("storefront");

    public static readonly Switch MaintenanceBanner = Ns.Switch("maintenance_banner", new()
    {
        Description = "Shows a maintenance banner on every page; an operations kill switch.",
        UseCases = ToggleUseCases.CircuitBreaker,
        CreatedOn = new DateOnly(2026, 11, 1),
        Owner = "operations",
        ExposeToClients = true,
    });

    public static readonly Flag NewCheckout = Ns.Flag("new_checkout", new()
    {
        Description = "The rewritten checkout; the old one stays at /checkout/legacy until this is removed.",
        UseCases = ToggleUseCases.IncrementalRelease | ToggleUseCases.MonitoredRollout,
        CreatedOn = new DateOnly(2026, 11, 1),
        TargetRemovalOn = new DateOnly(2027, 2, 1),
        Owner = "checkout-team",
        EditorRoles = ["checkout-team"],
        ExposeToClients = true,
    });

    public static readonly Flag PersonalRecommendations = Ns.Flag("personal_recommendations", new()
    {
        Description = "Recommendations from the user's history instead of the bestseller list.",
        UseCases = ToggleUseCases.BetaTesting,
        CreatedOn = new DateOnly(2026, 11, 5),
        TargetRemovalOn = new DateOnly(2027, 3, 1),
        Owner = "discovery",
        ExposeToClients = true,
    });

    public static readonly Flag NewReports = Ns.Flag("new_reports", new()
    {
        Description = "The new sales reports (an MVC controller gated with [ToggleGate]).",
        UseCases = ToggleUseCases.IncrementalRelease,
        CreatedOn = new DateOnly(2026, 11, 12),
        TargetRemovalOn = new DateOnly(2027, 1, 15),
        Owner = "analytics",
    });

    public static readonly CourseFlag NewGrading = Ns.CourseFlag("new_grading", new()
    {
        Description = "The new grading page, piloted course by course.",
        UseCases = ToggleUseCases.BetaTesting | ToggleUseCases.OptOut,
        CreatedOn = new DateOnly(2026, 10, 20),
        Owner = "learning-experience",
        ExposeToClients = true,
    });

    public static readonly OrgFlag PilotDashboard = Ns.OrgFlag("pilot_dashboard", new()
    {
        Description = "The enterprise dashboard, piloted with a few organisations.",
        UseCases = ToggleUseCases.BetaTesting,
        CreatedOn = new DateOnly(2026, 11, 10),
        Owner = "enterprise",
    });

    public static readonly SettingToggle SearchV2 = Ns.Setting("search_v2", new()
    {
        Description = "Search backed by the v2 index; set in configuration (FeatureToggles:storefront.search_v2).",
        UseCases = ToggleUseCases.OpenEdxOption,
        CreatedOn = new DateOnly(2026, 9, 1),
        Owner = "search",
        ExposeToClients = true,
    });

    /// <summary>
    /// The winter release: switched on or off as one (toggles group storefront.winter_release on). Its members follow
    /// their own rules while it is unset.
    /// </summary>
    public static readonly ToggleGroup WinterRelease = Ns.Group("winter_release", new()
    {
        Description = "Everything that ships with the winter release; switch it on or off as one.",
        UseCases = ToggleUseCases.IncrementalRelease,
        CreatedOn = new DateOnly(2026, 12, 1),
        TargetRemovalOn = new DateOnly(2027, 4, 1),
        Owner = "release-management",
    });

    public static readonly Switch GiftCards = Ns.Switch("gift_cards", new()
    {
        Description = "Gift cards as a way to pay; part of the winter release.",
        UseCases = ToggleUseCases.IncrementalRelease,
        CreatedOn = new DateOnly(2026, 12, 1),
        TargetRemovalOn = new DateOnly(2027, 4, 1),
        Owner = "checkout-team",
        Group = "winter_release",
    });

    /// <summary>
    /// Requires <see cref="GiftCards"/> on (a prerequisite stored in development by <see cref="DemoState"/>): a balance
    /// page without gift cards would make no sense.
    /// </summary>
    public static readonly Flag GiftCardBalance = Ns.Flag("gift_card_balance", new()
    {
        Description = "The gift card balance page; part of the winter release, and only while gift cards are on.",
        UseCases = ToggleUseCases.IncrementalRelease,
        CreatedOn = new DateOnly(2026, 12, 1),
        TargetRemovalOn = new DateOnly(2027, 4, 1),
        Owner = "checkout-team",
        Group = "winter_release",
    });
}
