namespace FeatureFlags.AspNetCore;

/// <summary>
/// Endpoint metadata that lets a request through only while a toggle has the required state. Added by
/// <see cref="ToggleGateEndpointConventionBuilderExtensions.RequireToggle{TBuilder}(TBuilder, Toggle)"/> and
/// <see cref="ToggleGateAttribute"/>.
/// </summary>
public interface IToggleGateMetadata
{
    /// <summary>
    /// Gets the full name of the toggle.
    /// </summary>
    string ToggleName { get; }

    /// <summary>
    /// Gets the state the toggle must have for the request to pass: <see langword="true"/> for on.
    /// </summary>
    bool RequiredState { get; }
}
