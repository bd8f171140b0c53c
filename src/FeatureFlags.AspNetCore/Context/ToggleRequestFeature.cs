namespace FeatureFlags.AspNetCore;

internal sealed class ToggleRequestFeature(ToggleContext context, string? courseKey, string? organization) : IToggleRequestFeature
{
    public ToggleContext Context { get; } = context;

    public string? CourseKey { get; } = courseKey;

    public string? Organization { get; } = organization;
}
