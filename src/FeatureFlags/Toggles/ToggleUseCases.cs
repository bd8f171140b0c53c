namespace FeatureFlags;

/// <summary>
/// The reasons a toggle exists, as listed by OEP-17. A toggle may serve several use cases over its life.
/// </summary>
[Flags]
#pragma warning disable CA1711 // "Cases" is the domain word, not a collection suffix.
public enum ToggleUseCases
#pragma warning restore CA1711
{
    /// <summary>No use case. Declarations must name at least one.</summary>
    None = 0,

    /// <summary>Hides unfinished work while it is merged incrementally. Short-lived.</summary>
    IncrementalRelease = 1 << 0,

    /// <summary>Exposes a feature on a planned launch date. Short-lived.</summary>
    LaunchDate = 1 << 1,

    /// <summary>Rolls a risky change out gradually while it is monitored. Short-lived.</summary>
    MonitoredRollout = 1 << 2,

    /// <summary>A long-lived operational kill switch that degrades an expensive feature under load.</summary>
    CircuitBreaker = 1 << 3,

    /// <summary>Releases a change to a chosen set of users, groups, courses or organisations first. Short-lived.</summary>
    BetaTesting = 1 << 4,

    /// <summary>A long-term business rule exposing a feature to select customers or white-label sites.</summary>
    VipWhiteLabel = 1 << 5,

    /// <summary>Keeps a released feature off for a group that opted out.</summary>
    OptOut = 1 << 6,

    /// <summary>An option left to the operators of other deployments (OEP-17's "Open edX option").</summary>
    OpenEdxOption = 1 << 7,
}
