namespace FeatureFlags;

internal sealed partial class ToggleEvaluator
{
    public ToggleScope BeginScope(ToggleContext? context = null)
    {
        var current = ToggleAmbient.Current;
        var scope = new ToggleScope(this, context ?? _accessor.Context ?? ToggleContext.Anonymous);
        scope.Activate(ToggleAmbient.Push(new ToggleAmbient(current?.Overrides, scope)));
        return scope;
    }

    public IDisposable Override(Toggle toggle, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(toggle);
        return PushOverride(toggle.FullName, null, enabled);
    }

    public IDisposable Override(CourseFlag flag, string courseKey, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(flag);
        ArgumentNullException.ThrowIfNull(courseKey);
        return PushOverride(flag.FullName, courseKey, enabled);
    }

    public IDisposable Override(OrgFlag flag, string organization, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(flag);
        ArgumentNullException.ThrowIfNull(organization);
        return PushOverride(flag.FullName, organization, enabled);
    }

    public IDisposable Override(Flag flag, FlagRules rules)
    {
        ArgumentNullException.ThrowIfNull(flag);
        ArgumentNullException.ThrowIfNull(rules);
        return PushRules(flag.FullName, rules);
    }

    internal static IDisposable PushRules(string fullName, FlagRules rules)
    {
        rules.Validate();
        var current = ToggleAmbient.Current;
        var frame = new OverrideFrame(fullName, null, false, current?.Overrides, new CompiledFlag(rules));
        return ToggleAmbient.Push(new ToggleAmbient(frame, current?.Scope));
    }

    internal static IDisposable PushOverride(string fullName, string? subject, bool enabled)
    {
        var current = ToggleAmbient.Current;
        var frame = new OverrideFrame(fullName, subject, enabled, current?.Overrides);
        return ToggleAmbient.Push(new ToggleAmbient(frame, current?.Scope));
    }
}
