namespace FeatureFlags;

/// <summary>
/// A toggle's own state as the store holds it: the wire format decoded, nothing compiled. The admin path, the report
/// and the dashboard read this form (kind, rules, prerequisites, schedule); the cache compiles it into the form
/// evaluation reads (<see cref="CompiledRules.Compile"/>).
/// </summary>
internal abstract record StoredRules
{
    /// <summary>Gets the kind as stored: <see cref="StoredValueCodec.SwitchKind"/>, <see cref="StoredValueCodec.FlagKind"/> or <see cref="StoredValueCodec.GroupKind"/>.</summary>
    public abstract string Kind { get; }

    /// <summary>Gets the toggles this state requires, in stored order; empty when none.</summary>
    public IReadOnlyList<TogglePrerequisite> Requires { get; init; } = [];

    /// <summary>Gets when the state applies, or null when it always does.</summary>
    public ToggleSchedule? Schedule { get; init; }

    /// <summary>Returns whether the state applies at <paramref name="now"/> (always, when it has no schedule).</summary>
    public bool AppliesAt(DateTimeOffset now) => Schedule is null || Schedule.StatusAt(now) == ToggleScheduleStatus.Active;
}
