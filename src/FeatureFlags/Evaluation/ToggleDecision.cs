namespace FeatureFlags;

/// <summary>
/// A value and the rule that produced it. Kept as a small struct so evaluation does not allocate.
/// </summary>
internal readonly record struct ToggleDecision(bool Value, ToggleReason Reason);
