namespace FeatureFlags.TestUtilities;

/// <summary>
/// Toggles used by the store contract tests.
/// </summary>
public static class ContractToggles
{
    public static readonly DateOnly Created = new(2026, 3, 1);

    private static readonly ToggleNamespace Ns = new("contract");

    public static readonly Switch Kill = Ns.Switch("kill", new ToggleMetadata
    {
        Description = "Kill switch.",
        UseCases = ToggleUseCases.BetaTesting,
        CreatedOn = Created,
        ExposeToClients = true,
    });

    public static readonly Flag Rollout = Ns.Flag("rollout", Meta("Rollout flag."));

    public static readonly CourseFlag Outline = Ns.CourseFlag("outline", Meta("Course flag."));

    public static readonly OrgFlag Pilot = Ns.OrgFlag("pilot", Meta("Org flag."));

    public static readonly Switch Billing = Ns.Switch("billing", new ToggleMetadata
    {
        Description = "Only finance may change this.",
        UseCases = ToggleUseCases.CircuitBreaker,
        CreatedOn = Created,
        EditorRoles = ["finance"],
    });

    public static Toggle[] All => [Kill, Rollout, Outline, Pilot, Billing];

    private static ToggleMetadata Meta(string description) => new()
    {
        Description = description,
        UseCases = ToggleUseCases.BetaTesting,
        CreatedOn = Created,
    };
}
