namespace FeatureFlags;

/// <summary>
/// The default accessor: no ambient context outside scopes, so evaluation uses <see cref="ToggleContext.Anonymous"/>.
/// </summary>
internal sealed class NullToggleContextAccessor : IToggleContextAccessor
{
    public ToggleContext? Context => null;
}
