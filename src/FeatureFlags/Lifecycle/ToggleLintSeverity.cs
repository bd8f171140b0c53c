namespace FeatureFlags;

/// <summary>
/// How serious a lint finding is.
/// </summary>
public enum ToggleLintSeverity
{
    /// <summary>Worth knowing; nothing is wrong.</summary>
    Info,

    /// <summary>Toggle debt building up.</summary>
    Warning,

    /// <summary>A commitment was broken, such as a passed removal date.</summary>
    Error,
}
