namespace FeatureFlags.AspNetCore.Tests.Support;

/// <summary>
/// Toggles for tests that host their own minimal app instead of the sample.
/// </summary>
public static class WiringToggles
{
    private static readonly ToggleNamespace Ns = new("wiring");

    public static readonly Switch Beta = Ns.Switch("beta", Meta("A switch that gates an endpoint."));

    public static readonly Switch Banner = Ns.Switch("banner", Meta("A switch flipped in the middle of a request."));

    private static ToggleMetadata Meta(string description) => new()
    {
        Description = description,
        UseCases = ToggleUseCases.BetaTesting,
        CreatedOn = new DateOnly(2026, 11, 22),
    };
}
