namespace FeatureFlags;

/// <summary>
/// One row of the append-only audit: who changed what, from what, to what, when and why.
/// </summary>
/// <param name="Key">The key that changed.</param>
/// <param name="Action">What the write did.</param>
/// <param name="Before">The value before the write, or <see langword="null"/> when the key was created.</param>
/// <param name="After">The value after the write, or <see langword="null"/> when the key was deleted.</param>
/// <param name="Actor">Who made the change.</param>
/// <param name="Reason">Why, when given.</param>
/// <param name="At">When the change was committed.</param>
/// <param name="Version">The change sequence number the write produced.</param>
public sealed record ToggleAuditEntry(
    string Key,
    ToggleAuditAction Action,
    string? Before,
    string? After,
    string Actor,
    string? Reason,
    DateTimeOffset At,
    long Version);
