namespace FeatureFlags;

/// <summary>
/// A site, course or organisation override as the store holds it. The cache compiles it into an
/// <see cref="OverrideValue"/> (<see cref="OverrideValue.Compile"/>).
/// </summary>
/// <param name="On">The value it forces.</param>
/// <param name="Schedule">When it applies, or null when it always does.</param>
internal sealed record StoredOverride(bool On, ToggleSchedule? Schedule)
{
    /// <summary>Returns whether the override applies at <paramref name="now"/> (always, when it has no schedule).</summary>
    public bool AppliesAt(DateTimeOffset now) => Schedule is null || Schedule.StatusAt(now) == ToggleScheduleStatus.Active;
}
