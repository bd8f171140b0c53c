
namespace FeatureFlags;

/// <summary>
/// Typed overloads of <see cref="IToggleAdmin"/> for toggles declared in code.
/// </summary>
public static class ToggleAdminExtensions
{
    /// <summary>
    /// Turns a switch on or off.
    /// </summary>
    /// <param name="admin">The admin service.</param>
    /// <param name="toggle">The switch.</param>
    /// <param name="enabled">The new value.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why, for the audit.</param>
    /// <param name="schedule">When the written state applies; <see langword="null"/> for always.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>The stored record.</returns>
    public static ValueTask<ToggleRecord> SetAsync(this IToggleAdmin admin, Switch toggle, bool enabled, ToggleActor actor, string? reason = null, ToggleSchedule? schedule = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(toggle);
        return admin.SetSwitchAsync(toggle.FullName, enabled, actor, reason, schedule: schedule, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Replaces a flag's rules.
    /// </summary>
    /// <param name="admin">The admin service.</param>
    /// <param name="flag">The flag.</param>
    /// <param name="rules">The new rules.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why, for the audit.</param>
    /// <param name="schedule">When the written state applies; <see langword="null"/> for always.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>The stored record.</returns>
    public static ValueTask<ToggleRecord> SetAsync(this IToggleAdmin admin, Flag flag, FlagRules rules, ToggleActor actor, string? reason = null, ToggleSchedule? schedule = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(flag);
        return admin.SetFlagAsync(flag.FullName, rules, actor, reason, schedule: schedule, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Sets (or clears, with <see langword="null"/>) a course flag's override for one course.
    /// </summary>
    /// <param name="admin">The admin service.</param>
    /// <param name="flag">The course flag.</param>
    /// <param name="courseKey">The course key.</param>
    /// <param name="enabled">The forced value, or <see langword="null"/> to clear.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why, for the audit.</param>
    /// <param name="schedule">When the written state applies; <see langword="null"/> for always.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>The stored record, or <see langword="null"/> when cleared.</returns>
    public static ValueTask<ToggleRecord?> SetCourseOverrideAsync(this IToggleAdmin admin, CourseFlag flag, string courseKey, bool? enabled, ToggleActor actor, string? reason = null, ToggleSchedule? schedule = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(flag);
        return admin.SetOverrideAsync(flag.FullName, OverrideLevel.Course, courseKey, enabled, actor, reason, schedule: schedule, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Sets (or clears, with <see langword="null"/>) a course or organisation flag's override for one organisation.
    /// </summary>
    /// <param name="admin">The admin service.</param>
    /// <param name="flag">The course flag or organisation flag.</param>
    /// <param name="organization">The organisation key.</param>
    /// <param name="enabled">The forced value, or <see langword="null"/> to clear.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why, for the audit.</param>
    /// <param name="schedule">When the written state applies; <see langword="null"/> for always.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>The stored record, or <see langword="null"/> when cleared.</returns>
    public static ValueTask<ToggleRecord?> SetOrganizationOverrideAsync(this IToggleAdmin admin, CourseFlag flag, string organization, bool? enabled, ToggleActor actor, string? reason = null, ToggleSchedule? schedule = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(flag);
        return admin.SetOverrideAsync(flag.FullName, OverrideLevel.Organization, organization, enabled, actor, reason, schedule: schedule, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Sets (or clears, with <see langword="null"/>) a course or organisation flag's override for one organisation.
    /// </summary>
    /// <param name="admin">The admin service.</param>
    /// <param name="flag">The course flag or organisation flag.</param>
    /// <param name="organization">The organisation key.</param>
    /// <param name="enabled">The forced value, or <see langword="null"/> to clear.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why, for the audit.</param>
    /// <param name="schedule">When the written state applies; <see langword="null"/> for always.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>The stored record, or <see langword="null"/> when cleared.</returns>
    public static ValueTask<ToggleRecord?> SetOrganizationOverrideAsync(this IToggleAdmin admin, OrgFlag flag, string organization, bool? enabled, ToggleActor actor, string? reason = null, ToggleSchedule? schedule = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(flag);
        return admin.SetOverrideAsync(flag.FullName, OverrideLevel.Organization, organization, enabled, actor, reason, schedule: schedule, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Sets (or clears, with <see langword="null"/>) a toggle's override for one site.
    /// </summary>
    /// <param name="admin">The admin service.</param>
    /// <param name="toggle">The toggle.</param>
    /// <param name="site">The site.</param>
    /// <param name="enabled">The forced value, or <see langword="null"/> to clear.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why, for the audit.</param>
    /// <param name="schedule">When the written state applies; <see langword="null"/> for always.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>The stored record, or <see langword="null"/> when cleared.</returns>
    public static ValueTask<ToggleRecord?> SetSiteOverrideAsync(this IToggleAdmin admin, Toggle toggle, string site, bool? enabled, ToggleActor actor, string? reason = null, ToggleSchedule? schedule = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(toggle);
        return admin.SetOverrideAsync(toggle.FullName, OverrideLevel.Site, site, enabled, actor, reason, schedule: schedule, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Switches a release group on or off for all its members, or unsets it (<see langword="null"/>).
    /// </summary>
    /// <param name="admin">The admin service.</param>
    /// <param name="group">The group.</param>
    /// <param name="enabled">On, off, or <see langword="null"/> to let members follow their own rules.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why, for the audit log.</param>
    /// <param name="schedule">When the written state applies; <see langword="null"/> for always.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The stored record, or <see langword="null"/> when unset.</returns>
    public static ValueTask<ToggleRecord?> SetAsync(this IToggleAdmin admin, ToggleGroup group, bool? enabled, ToggleActor actor, string? reason = null, ToggleSchedule? schedule = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(group);
        return admin.SetGroupAsync(group.FullName, enabled, actor, reason, schedule: schedule, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Makes a toggle require other toggles to be on: <c>admin.RequireAsync(Child, actor, Parent)</c>.
    /// </summary>
    /// <param name="admin">The admin service.</param>
    /// <param name="toggle">The switch or flag that gets the prerequisites.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="required">The toggles that must be on; none removes every prerequisite.</param>
    /// <returns>The stored record.</returns>
    public static ValueTask<ToggleRecord> RequireAsync(this IToggleAdmin admin, Toggle toggle, ToggleActor actor, params Toggle[] required)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(toggle);
        ArgumentNullException.ThrowIfNull(required);
        return admin.SetPrerequisitesAsync(toggle.FullName, [.. required.Select(r => new TogglePrerequisite(r.FullName))], actor);
    }
}
