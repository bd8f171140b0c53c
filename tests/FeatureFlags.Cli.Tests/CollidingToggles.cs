namespace FeatureFlags.Cli.Tests;

/// <summary>Two toggles whose names become the same TypeScript constant (<c>ShopGiftCard</c>), read by the manifest test with --assembly (exposed to clients, so the manifest writes them).</summary>
public static class CollidingToggles
{
    private static readonly ToggleMetadata Meta = new()
    {
        Description = "Collides in the manifest.",
        UseCases = ToggleUseCases.BetaTesting,
        CreatedOn = new DateOnly(2026, 3, 1),
        ExposeToClients = true,
    };

    public static readonly Switch GiftCard = new ToggleNamespace("shop").Switch("gift_card", Meta);

    public static readonly Switch Card = new ToggleNamespace("shop_gift").Switch("card", Meta);
}
