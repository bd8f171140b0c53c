namespace FeatureFlags.Dashboard;

/// <summary>
/// The colour of the dashboard's environment banner.
/// </summary>
public enum ToggleDashboardColor
{
    /// <summary>Green, for development and test environments.</summary>
    Green,

    /// <summary>Amber, for staging.</summary>
    Amber,

    /// <summary>Red, for production.</summary>
    Red,

    /// <summary>Blue.</summary>
    Blue,

    /// <summary>Grey.</summary>
    Grey,
}
