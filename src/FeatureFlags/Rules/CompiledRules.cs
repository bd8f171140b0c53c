namespace FeatureFlags;

/// <summary>
/// A toggle's stored state in the form evaluation reads: immutable, replaced whole when the store changes.
/// </summary>
internal abstract class CompiledRules
{
    public abstract string Kind { get; }

    private readonly ToggleSchedule? _schedule;
    private readonly long _fromTicks = long.MinValue;
    private readonly long _untilTicks = long.MaxValue;

    /// <summary>Gets the toggles this state requires, resolved to their declarations when loaded; null when none.</summary>
    public CompiledPrerequisite[]? Prerequisites { get; init; }

    /// <summary>Gets when the state applies, or null when it always does.</summary>
    public ToggleSchedule? Schedule
    {
        get => _schedule;
        init
        {
            _schedule = value;
            _fromTicks = value?.ActiveFrom?.UtcTicks ?? long.MinValue;
            _untilTicks = value?.ActiveUntil?.UtcTicks ?? long.MaxValue;
        }
    }

    /// <summary>Gets a value indicating whether the state has a schedule (only then does evaluation read the clock).</summary>
    public bool IsScheduled => _schedule is not null;

    public bool IsActiveAt(long utcTicks) => utcTicks >= _fromTicks && utcTicks < _untilTicks;
}

/// <summary>One prerequisite, resolved once when the state is loaded so evaluation looks nothing up.</summary>
/// <param name="FullName">The required toggle's name.</param>
/// <param name="Enabled">The answer it must give.</param>
/// <param name="Toggle">Its declaration, or null when this application does not declare it (never met).</param>
internal sealed record CompiledPrerequisite(string FullName, bool Enabled, Toggle? Toggle);
