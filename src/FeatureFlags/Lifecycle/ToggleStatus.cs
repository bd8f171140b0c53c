namespace FeatureFlags;

/// <summary>
/// A toggle's computed status in a report.
/// </summary>
public enum ToggleStatus
{
    /// <summary>Off for everyone.</summary>
    Off,

    /// <summary>On for everyone.</summary>
    On,

    /// <summary>On for some contexts and off for others (rules, percent or overrides differ).</summary>
    Both,
}
