namespace FeatureFlags.AspNetCore;

/// <summary>
/// Maps the rule that decided a toggle to an OpenFeature resolution reason. The rule itself travels in the answer's
/// metadata, so nothing is lost.
/// </summary>
internal static class OfrepReasons
{
    public const string Static = "STATIC";
    public const string Disabled = "DISABLED";
    public const string TargetingMatch = "TARGETING_MATCH";
    public const string Split = "SPLIT";
    public const string Default = "DEFAULT";

    public static string For(ToggleReason reason, bool value) => reason switch
    {
        // On or off for everyone: a static value, or the feature turned off in the management system.
        ToggleReason.Switch or ToggleReason.Everyone or ToggleReason.Setting or ToggleReason.ReleaseGroup => value ? Static : Disabled,

        // An unmet prerequisite turns the flag off, as a disabled flag is.
        ToggleReason.PrerequisiteFailed => Disabled,

        // Forced by code, a test, the request or configuration: nothing was evaluated.
        ToggleReason.OverrideScope or ToggleReason.RequestOverride or ToggleReason.Configuration => Static,

        ToggleReason.Site or ToggleReason.Course or ToggleReason.Organization or ToggleReason.Superuser or ToggleReason.Staff
            or ToggleReason.Authenticated or ToggleReason.Language or ToggleReason.User or ToggleReason.Group
            or ToggleReason.CustomRule => TargetingMatch,

        ToggleReason.Percent => Split,

        // No rule matched (a user outside the percentage too) or nothing is stored: the fallback value.
        _ => Default,
    };
}
