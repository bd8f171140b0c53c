namespace FeatureFlags;

/// <summary>
/// A stored override as evaluation reads it: its value and, when scheduled, its window in UTC ticks. A struct in the
/// override maps, so lookups allocate nothing; an unscheduled override never reads the clock. <see cref="Version"/> is
/// the store version of the override held, so the cache needs no other record of it.
/// </summary>
internal readonly record struct OverrideValue(bool On, long FromTicks, long UntilTicks, long Version = 0)
{
    public bool IsScheduled => FromTicks != long.MinValue || UntilTicks != long.MaxValue;

    public static OverrideValue Always(bool on) => new(on, long.MinValue, long.MaxValue);

    public static OverrideValue Of(bool on, ToggleSchedule? schedule)
        => schedule is null ? Always(on) : new(on, schedule.ActiveFrom?.UtcTicks ?? long.MinValue, schedule.ActiveUntil?.UtcTicks ?? long.MaxValue);

    /// <summary>Compiles a stored override into the form the override maps hold.</summary>
    public static OverrideValue Compile(StoredOverride stored) => Of(stored.On, stored.Schedule);

    public bool IsActiveAt(long utcTicks) => utcTicks >= FromTicks && utcTicks < UntilTicks;
}
