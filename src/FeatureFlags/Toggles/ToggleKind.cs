namespace FeatureFlags;

/// <summary>
/// The implementation of a toggle, as shown in reports.
/// </summary>
public enum ToggleKind
{
    /// <summary>A <see cref="FeatureFlags.SettingToggle"/>: configuration as code, read-only at run time.</summary>
    Setting,

    /// <summary>A <see cref="FeatureFlags.Switch"/>: one global on/off value.</summary>
    Switch,

    /// <summary>A <see cref="FeatureFlags.Flag"/>: rules for everyone, percent, users, groups and roles.</summary>
    Flag,

    /// <summary>A <see cref="FeatureFlags.CourseFlag"/>: a flag with per-course and per-organisation overrides.</summary>
    CourseFlag,

    /// <summary>An <see cref="FeatureFlags.OrgFlag"/>: a flag with per-organisation overrides.</summary>
    OrgFlag,

    /// <summary>
    /// A <see cref="FeatureFlags.ToggleGroup"/>: a release group whose stored on/off state answers for every member
    /// toggle ahead of the members' own rules.
    /// </summary>
    Group,
}
