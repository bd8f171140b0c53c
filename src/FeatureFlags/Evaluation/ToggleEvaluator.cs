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
        var decision = Decide(toggle, subject, context, out var fromScopeCache);
        if (_telemetry.IsListening)
        {
            _telemetry.Evaluated(toggle, decision, fromScopeCache);
        }

        return decision.Value;
    }

    /// <summary>
    /// Applies override scopes and the scope cache, then computes. Never throws: a failure serves the code default.
    /// </summary>
    private ToggleDecision Decide(Toggle toggle, string? subject, ToggleContext? context, out bool fromScopeCache)
    {
        fromScopeCache = false;
        try
        {
            var ambient = ToggleAmbient.Current;
            if (ambient is not null)
            {
                if (ambient.Overrides is { } overrides && OverrideFrame.TryFind(overrides, toggle, subject, out var forced))
                {
                    return new(forced, ToggleReason.OverrideScope);
                }

                if (ambient.Scope is { } scope && ReferenceEquals(scope.Owner, this) && (context is null || ReferenceEquals(context, scope.Context)))
                {
                    if (scope.TryGet(toggle.Id, subject, out var cached))
                    {
                        fromScopeCache = true;
                        return cached;
                    }

                    return scope.GetOrAdd(toggle.Id, subject, Compute(toggle, subject, scope.Context));
                }
            }

            return Compute(toggle, subject, context);
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
    /// it, so a plain switch never pays for the context.
    /// </summary>
    private ToggleDecision Compute(Toggle toggle, string? subject, ToggleContext? context)
    {
        if (!_cache.IsReady)
        {
            _cache.EnsureReady();
        }

        var state = _cache.GetState(toggle);
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

        // Sites are only set with NeedsContext, so the context is known here whenever a site override can answer.
        if (context?.Site is { } site && state.Sites is { } sites && sites.TryGetValue(site, out var siteValue))
        {
            return new(siteValue, ToggleReason.Site);
        }

        if (subject is not null)
        {
            if (toggle is CourseFlag)
            {
                if (state.Courses is { } courses && courses.TryGetValue(subject, out var courseValue))
                {
                    return new(courseValue, ToggleReason.Course);
                }

                if (state.Organizations is { } orgs)
                {
                    var org = _courseKeys.GetOrganization(subject);
                    if (!org.IsEmpty && orgs.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(org, out var orgValue))
                    {
                        return new(orgValue, ToggleReason.Organization);
                    }
                }
            }
            else if (state.Organizations is { } orgs && orgs.TryGetValue(subject, out var orgValue))
            {
                return new(orgValue, ToggleReason.Organization);
            }
        }

        switch (state.Rules)
        {
            case CompiledSwitch stored when toggle is Switch:
                return new(stored.IsOn, ToggleReason.Switch);
            case CompiledFlag flag when toggle is Flag:
                return flag.Decide(toggle.FullName, context ?? _accessor.Context ?? ToggleContext.Anonymous);
        }

        if (toggle is SettingToggle && state.Setting != ToggleState.SettingUnset)
        {
            return new(state.Setting == ToggleState.SettingOn, ToggleReason.Setting);
        }

        return new(toggle.DefaultValue, ToggleReason.Default);
    }
}
