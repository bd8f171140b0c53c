using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeatureFlags;

/// <summary>
/// Evaluates toggles against the process cache, following the precedence documented on <see cref="IToggles"/>.
/// </summary>
internal sealed partial class ToggleEvaluator : IToggles
{
    private readonly ToggleStateCache _cache;
    private readonly IToggleContextAccessor _accessor;
    private readonly ICourseKeyParser _courseKeys;
    private readonly ILogger _logger;
    private readonly ToggleTelemetry _telemetry;
    private readonly bool _requestOverrides;
    private readonly StringComparer _organizations;

    public ToggleEvaluator(
        ToggleStateCache cache,
        IToggleContextAccessor accessor,
        ICourseKeyParser courseKeys,
        IOptions<FeatureTogglesOptions> options,
        ILogger<ToggleEvaluator> logger,
        ToggleTelemetry telemetry)
    {
        _cache = cache;
        _accessor = accessor;
        _courseKeys = courseKeys;
        _logger = logger;
        _telemetry = telemetry;
        _requestOverrides = options.Value.EnableRequestOverrides;
        _organizations = options.Value.OrganizationComparer;
    }

    public bool IsEnabled(Toggle toggle)
    {
        ArgumentNullException.ThrowIfNull(toggle);
        return Evaluate(toggle, null, null);
    }

    public bool IsEnabled(Toggle toggle, ToggleContext context)
    {
        ArgumentNullException.ThrowIfNull(toggle);
        ArgumentNullException.ThrowIfNull(context);
        return Evaluate(toggle, null, context);
    }

    public bool IsEnabled(CourseFlag flag, string courseKey)
    {
        ArgumentNullException.ThrowIfNull(flag);
        ArgumentNullException.ThrowIfNull(courseKey);
        return Evaluate(flag, courseKey, null);
    }

    public bool IsEnabled(OrgFlag flag, string organization)
    {
        ArgumentNullException.ThrowIfNull(flag);
        ArgumentNullException.ThrowIfNull(organization);
        return Evaluate(flag, organization, null);
    }

    private bool Evaluate(Toggle toggle, string? subject, ToggleContext? context)
    {
        var decision = Decide(toggle, subject, context, 0, out var fromScopeCache);
        if (_telemetry.IsListening)
        {
            _telemetry.Evaluated(toggle, decision, fromScopeCache);
        }

        return decision.Value;
    }

    /// <summary>
    /// Applies override scopes and the scope cache, then computes. Never throws: a failure serves the code default.
    /// <paramref name="depth"/> counts prerequisites followed, so a cycle (written around the checks by two racing
    /// writers) ends in an answer.
    /// </summary>
    private ToggleDecision Decide(Toggle toggle, string? subject, ToggleContext? context, int depth, out bool fromScopeCache)
    {
        fromScopeCache = false;
        try
        {
            var ambient = ToggleAmbient.Current;
            if (ambient is not null)
            {
                CompiledFlag? rules = null;
                if (ambient.Overrides is { } overrides && OverrideFrame.TryFind(overrides, toggle, subject, SubjectComparer(toggle), out var forced, out rules))
                {
                    return new(forced, ToggleReason.OverrideScope);
                }

                if (ambient.Scope is { } scope && ReferenceEquals(scope.Owner, this) && (context is null || ReferenceEquals(context, scope.Context)))
                {
                    if (rules is not null)
                    {
                        // Replaced rules are not cached: the scope may outlive the override.
                        return Compute(toggle, subject, scope.Context, depth, rules);
                    }

                    if (scope.TryGet(toggle.Id, subject, out var cached))
                    {
                        fromScopeCache = true;
                        return cached;
                    }

                    return scope.GetOrAdd(toggle.Id, subject, Compute(toggle, subject, scope.Context, depth, null));
                }

                return Compute(toggle, subject, context, depth, rules);
            }

            return Compute(toggle, subject, context, depth, null);
        }
        catch (Exception ex)
        {
            if (_cache.GetState(toggle).ShouldLogEvaluationError())
            {
                Log.EvaluationFailed(_logger, toggle.FullName, ex);
            }

            return new(toggle.DefaultValue, ToggleReason.Default);
        }
    }

    /// <summary>
    /// Computes a decision. <paramref name="context"/> may be null: it is then asked of the accessor only if a rule needs
    /// it, so a plain switch never pays for the context. <paramref name="replaced"/> stands in for the flag's own stored
    /// rules (an override scope that replaces rules only).
    /// </summary>
    private ToggleDecision Compute(Toggle toggle, string? subject, ToggleContext? context, int depth, CompiledFlag? replaced)
    {
        if (!_cache.IsReady)
        {
            _cache.EnsureReady();
        }

        var state = _cache.GetState(toggle);
        var rules = state.Rules;
        if (rules is { IsScheduled: true } && !rules.IsActiveNow(_cache.Time))
        {
            // Outside its window the stored state is as if it were not stored.
            rules = null;
        }

        if (_requestOverrides || state.NeedsContext)
        {
            context ??= _accessor.Context ?? ToggleContext.Anonymous;
            if ((_requestOverrides || state.IsTesting) && context.RequestOverrides.Count > 0 && context.RequestOverrides.TryGetValue(toggle.FullName, out var requested))
            {
                return new(requested, ToggleReason.RequestOverride);
            }
        }

        if (state.Configured is { } configured && configured.TryDecide(toggle, subject, _courseKeys, out var configuredValue))
        {
            return new(configuredValue, ToggleReason.Configuration);
        }

        if (rules?.Prerequisites is { } required && !PrerequisitesMet(toggle, required, subject, context, depth))
        {
            return new(false, ToggleReason.PrerequisiteFailed);
        }

        // Sites are only set with NeedsContext, so the context is known here whenever a site override can answer.
        if (context?.Site is { } site && state.Sites is { } sites && sites.TryGetValue(site, out var siteValue) && IsActive(siteValue))
        {
            return new(siteValue.On, ToggleReason.Site);
        }

        if (subject is not null)
        {
            if (toggle is CourseFlag)
            {
                if (state.Courses is { } courses && courses.TryGetValue(subject, out var courseValue) && IsActive(courseValue))
                {
                    return new(courseValue.On, ToggleReason.Course);
                }

                if (state.Organizations is { } orgs)
                {
                    var org = _courseKeys.GetOrganization(subject);
                    if (!org.IsEmpty && ToggleState.TryGetOrganization(orgs, org, out var orgValue) && IsActive(orgValue))
                    {
                        return new(orgValue.On, ToggleReason.Organization);
                    }
                }
            }
            else if (state.Organizations is { } orgs && orgs.TryGetValue(subject, out var orgValue) && IsActive(orgValue))
            {
                return new(orgValue.On, ToggleReason.Organization);
            }
        }

        if (state.Group?.Rules is CompiledGroup group && (!group.IsScheduled || group.IsActiveNow(_cache.Time)))
        {
            return new(group.IsOn, ToggleReason.ReleaseGroup);
        }

        if (replaced is not null && toggle is Switch)
        {
            // A switch's own rules are its value: a rules-only override of a switch replaces the stored value.
            return new(replaced.Rules.Everyone ?? false, ToggleReason.Switch);
        }

        switch (replaced is not null && toggle is Flag ? replaced : rules)
        {
            case CompiledSwitch stored when toggle is Switch:
                return new(stored.IsOn, ToggleReason.Switch);
            case CompiledFlag flag when toggle is Flag:
                return flag.Decide(toggle.FullName, context ?? _accessor.Context ?? ToggleContext.Anonymous);
            case CompiledGroup stored when toggle is ToggleGroup:
                return new(stored.IsOn, ToggleReason.ReleaseGroup);
        }

        if (toggle is SettingToggle && state.Setting != ToggleState.SettingUnset)
        {
            return new(state.Setting == ToggleState.SettingOn, ToggleReason.Setting);
        }

        return new(toggle.DefaultValue, ToggleReason.Default);
    }

    /// <summary>
    /// Evaluates each prerequisite for the same caller, through the request scope so the answers agree within a request.
    /// </summary>
    private bool PrerequisitesMet(Toggle toggle, CompiledPrerequisite[] required, string? subject, ToggleContext? context, int depth)
    {
        if (depth >= TogglePrerequisite.MaxDepth)
        {
            return false;
        }

        foreach (var prerequisite in required)
        {
            if (prerequisite.Toggle is not { } other
                || Decide(other, SharedSubject(toggle, other, subject), context, depth + 1, out _).Value != prerequisite.Enabled)
            {
                return false;
            }
        }

        return true;
    }

    private bool IsActive(in OverrideValue value) => !value.IsScheduled || value.IsActiveAt(NowTicks());

    private long NowTicks() => _cache.Time.GetUtcNow().UtcTicks;

    /// <summary>The course or organisation passed on to a prerequisite: only between two flags of the same kind.</summary>
    private static string? SharedSubject(Toggle toggle, Toggle other, string? subject)
        => subject is not null && toggle.Kind == other.Kind ? subject : null;

    private StringComparer SubjectComparer(Toggle toggle) => toggle is OrgFlag ? _organizations : StringComparer.Ordinal;
}
