namespace FeatureFlags.AspNetCore;

/// <summary>
/// A gate declared with the toggle object itself (minimal APIs), so no name lookup is needed.
/// </summary>
internal sealed class ToggleGateMetadata(Toggle toggle, bool requiredState) : IToggleGateMetadata
{
    public Toggle Toggle { get; } = toggle;

    public string ToggleName => Toggle.FullName;

    public bool RequiredState { get; } = requiredState;

    public override string ToString() => $"ToggleGate {ToggleName} = {(RequiredState ? "on" : "off")}";
}
