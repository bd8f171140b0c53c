namespace FeatureFlags.AspNetCore;

/// <summary>
/// The body of the toggle state endpoint.
/// </summary>
/// <param name="Toggles">The state of each toggle marked for clients, by full name.</param>
public sealed record ToggleStateResponse(IReadOnlyDictionary<string, bool> Toggles);
