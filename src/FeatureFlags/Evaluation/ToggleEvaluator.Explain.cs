using System.Globalization;

namespace FeatureFlags;

internal sealed partial class ToggleEvaluator
{
    public ToggleExplanation Explain(Toggle toggle, ToggleContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(toggle);
        return Explain(toggle, null, context);
    }

    public ToggleExplanation Explain(CourseFlag flag, string courseKey, ToggleContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(flag);
        ArgumentNullException.ThrowIfNull(courseKey);
        return Explain((Toggle)flag, courseKey, context);
    }

    public ToggleExplanation Explain(OrgFlag flag, string organization, ToggleContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(flag);
        ArgumentNullException.ThrowIfNull(organization);
        return Explain((Toggle)flag, organization, context);
    }

    private ToggleExplanation Explain(Toggle toggle, string? subject, ToggleContext? context, int depth = 0)
    {
        var decision = Decide(toggle, subject, context, depth, out var fromScopeCache);
        var effective = context ?? CurrentContext();
        return new ToggleExplanation(toggle.FullName, decision.Value, decision.Reason, Describe(toggle, subject, effective, decision, depth), fromScopeCache);
    }

    private ToggleContext CurrentContext()
        => ToggleAmbient.Current?.Scope is { } scope && ReferenceEquals(scope.Owner, this)
            ? scope.Context
            : _accessor.Context ?? ToggleContext.Anonymous;

    private string Describe(Toggle toggle, string? subject, ToggleContext context, ToggleDecision decision, int depth)
    {
        var state = _cache.GetState(toggle);
        var flag = state.Rules as CompiledFlag;
        return decision.Reason switch
        {
            ToggleReason.OverrideScope => subject is null ? "forced by an override scope" : $"forced for '{subject}' by an override scope",
            ToggleReason.RequestOverride => "forced by the request",
            ToggleReason.PrerequisiteFailed => DescribePrerequisites(toggle, subject, context, state.Rules?.Prerequisites, depth),
            ToggleReason.ReleaseGroup when toggle is ToggleGroup => decision.Value ? "release group switched on" : "release group switched off",
            ToggleReason.ReleaseGroup => $"{(decision.Value ? "on" : "off")} by group {toggle.GroupFullName}",
            ToggleReason.Configuration => DescribeConfiguration(state, toggle, subject, decision.Value),
            ToggleReason.Site => $"override for site '{context.Site}'",
            ToggleReason.Course => $"override for course '{subject}'",
            ToggleReason.Organization when toggle is CourseFlag && subject is not null =>
                $"override for organisation '{_courseKeys.GetOrganization(subject)}' of course '{subject}'",
            ToggleReason.Organization => $"override for organisation '{subject}'",
            ToggleReason.Everyone => decision.Value ? "on for everyone" : "off for everyone",
            ToggleReason.Superuser => "on for superusers",
            ToggleReason.Staff => "on for staff",
            ToggleReason.Authenticated => "on for authenticated users",
            ToggleReason.Language => $"on for language '{context.Language}'",
            ToggleReason.User => $"on for user '{context.UserId}'",
            ToggleReason.Group => $"on for group '{flag?.FirstMatchingGroup(context)}'",
            ToggleReason.CustomRule => $"on by custom rule {flag?.FirstMatchingCustomRule(context)}",
            ToggleReason.Percent or ToggleReason.NoRuleMatched when flag is not null && flag.Rules.Percent > 0 => DescribePercent(toggle, context, flag.Rules.Percent),
            ToggleReason.NoRuleMatched => "no rule matched",
            ToggleReason.Switch => decision.Value ? "switched on" : "switched off",
            ToggleReason.Setting => decision.Value ? "on in configuration" : "off in configuration",
            ToggleReason.Default when !_cache.IsLoaded => $"code default ({(decision.Value ? "on" : "off")}); the store has not been loaded",
            ToggleReason.Default when state.Rules?.Schedule is { } schedule => DescribeOutsideSchedule(decision.Value, schedule),
            _ => $"code default ({(decision.Value ? "on" : "off")}); nothing stored or configured",
        };
    }

    private string DescribeOutsideSchedule(bool value, ToggleSchedule schedule)
        => schedule.StatusAt(_cache.Time.GetUtcNow()) switch
        {
            ToggleScheduleStatus.Pending => $"code default ({(value ? "on" : "off")}); the stored state applies from {ToggleSchedule.Format(schedule.ActiveFrom!.Value)}",
            ToggleScheduleStatus.Expired => $"code default ({(value ? "on" : "off")}); the stored state expired at {ToggleSchedule.Format(schedule.ActiveUntil!.Value)}",
            _ => $"code default ({(value ? "on" : "off")}); the stored state's schedule ({schedule}) has just started",
        };

    /// <summary>Names the first prerequisite that is not met and, recursively, why: the chain down to its cause.</summary>
    private string DescribePrerequisites(Toggle toggle, string? subject, ToggleContext context, CompiledPrerequisite[]? required, int depth)
    {
        if (depth >= TogglePrerequisite.MaxDepth)
        {
            return $"off: prerequisites nest deeper than {TogglePrerequisite.MaxDepth} levels (a cycle?)";
        }

        foreach (var prerequisite in required ?? [])
        {
            var wanted = prerequisite.Enabled ? "on" : "off";
            if (prerequisite.Toggle is not { } other)
            {
                return $"off: prerequisite {prerequisite.FullName} (must be {wanted}) is not declared in this application";
            }

            var explanation = Explain(other, SharedSubject(toggle, other, subject), context, depth + 1);
            if (explanation.IsEnabled != prerequisite.Enabled)
            {
                return $"off: prerequisite {other.FullName} must be {wanted} but is {(explanation.IsEnabled ? "on" : "off")} ({explanation.Detail})";
            }
        }

        return "off: a prerequisite was not met (it has changed since)";
    }
    private string DescribeConfiguration(ToggleState state, Toggle toggle, string? subject, bool value)
        => state.Configured is { } configured ? configured.Describe(toggle, subject, _courseKeys, value) : $"forced {(value ? "on" : "off")} by configuration";

    private static string DescribePercent(Toggle toggle, ToggleContext context, decimal percent)
    {
        var threshold = PercentRollout.GetThreshold(percent);
        if (threshold >= PercentRollout.BucketCount)
        {
            return "on for everyone: 100 % rollout";
        }

        if (context.StickyId is not { } id)
        {
            return string.Create(CultureInfo.InvariantCulture, $"no rule matched; no user or anonymous id for the {percent} % rollout");
        }

        var bucket = PercentRollout.GetBucket(toggle.FullName, id);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"bucket {bucket} is {(bucket < threshold ? "below" : "not below")} {threshold} of {PercentRollout.BucketCount} ({percent} %)");
    }
}
