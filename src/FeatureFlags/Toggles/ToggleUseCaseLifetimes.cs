namespace FeatureFlags;

/// <summary>
/// Which use cases are expected to be long-lived (OEP-17's "long-term" quadrant); the others are temporary.
/// </summary>
internal static class ToggleUseCaseLifetimes
{
    public const ToggleUseCases LongLived =
        ToggleUseCases.CircuitBreaker | ToggleUseCases.VipWhiteLabel | ToggleUseCases.OptOut | ToggleUseCases.OpenEdxOption;

    /// <summary>Returns whether every use case is temporary, so the toggle is expected to be removed.</summary>
    public static bool IsTemporary(ToggleUseCases useCases) => (useCases & LongLived) == 0 && useCases != ToggleUseCases.None;
}
