namespace FeatureFlags;

/// <summary>
/// The rule that decided a toggle's value, in order of precedence.
/// </summary>
public enum ToggleReason
{
    /// <summary>An override scope set in code or a test.</summary>
    OverrideScope,

    /// <summary>An override carried by the request (test environments only).</summary>
    RequestOverride,

    /// <summary>An override in the application's configuration (<c>FeatureToggles:Overrides</c>).</summary>
    Configuration,
    /// <summary>
    /// A prerequisite of the toggle's stored state is not met: off. <see cref="IToggles.Explain(Toggle, ToggleContext?)"/>
    /// names the prerequisite and why it failed.
    /// </summary>
    PrerequisiteFailed,

    /// <summary>A stored override for the context's site.</summary>
    Site,

    /// <summary>A stored override for the course.</summary>
    Course,

    /// <summary>A stored override for the organisation (given, or the course's).</summary>
    Organization,

    /// <summary>The toggle's release group is switched on or off (or, for a group itself, its stored state).</summary>
    ReleaseGroup,

    /// <summary>The flag is on or off for everyone.</summary>
    Everyone,

    /// <summary>The flag is on for superusers and the user is one.</summary>
    Superuser,

    /// <summary>The flag is on for staff and the user is staff.</summary>
    Staff,

    /// <summary>The flag is on for authenticated users and the user is signed in.</summary>
    Authenticated,

    /// <summary>The flag is on for the user's language.</summary>
    Language,

    /// <summary>The flag is on for the user, listed by id.</summary>
    User,

    /// <summary>The flag is on for one of the user's groups.</summary>
    Group,

    /// <summary>A custom rule of the flag (<see cref="FlagRules.CustomRules"/>) matched.</summary>
    CustomRule,

    /// <summary>The user falls within the flag's percentage.</summary>
    Percent,

    /// <summary>The flag has rules, and none matched: off.</summary>
    NoRuleMatched,

    /// <summary>The switch's stored value.</summary>
    Switch,

    /// <summary>The configuration value of a setting toggle.</summary>
    Setting,

    /// <summary>Nothing is stored or configured: the declared code default.</summary>
    Default,
}
