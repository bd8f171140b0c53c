namespace FeatureFlags.Storage;

/// <summary>
/// Who makes a change and why, written to the audit with the change.
/// </summary>
/// <param name="Actor">The person or process making the change.</param>
/// <param name="Reason">Why, in a few words; optional.</param>
public readonly record struct ToggleAuditInfo(string Actor, string? Reason = null);
