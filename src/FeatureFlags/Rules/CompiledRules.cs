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
    private long _reuse;

    /// <summary>
    /// Compiles a stored state into the form evaluation reads: prerequisites resolved to their declarations, a flag's
    /// hash sets built; unscheduled switches and groups without prerequisites are shared instances.
    /// </summary>
    /// <param name="stored">The decoded stored state.</param>
    /// <param name="resolve">Finds a prerequisite's declaration by name; null leaves every prerequisite unresolved.</param>
    public static CompiledRules Compile(StoredRules stored, Func<string, Toggle?>? resolve = null)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var prerequisites = CompilePrerequisites(stored.Requires, resolve);
        var plain = prerequisites is null && stored.Schedule is null;
        return stored switch
        {
            StoredSwitch s when plain => s.On ? CompiledSwitch.On : CompiledSwitch.Off,
            StoredSwitch s => new CompiledSwitch(s.On) { Prerequisites = prerequisites, Schedule = s.Schedule },
            StoredFlag f => new CompiledFlag(f.Rules) { Prerequisites = prerequisites, Schedule = f.Schedule },
            StoredGroup g when plain => g.On ? CompiledGroup.On : CompiledGroup.Off,
            StoredGroup g => new CompiledGroup(g.On) { Schedule = g.Schedule },
            _ => throw new ArgumentOutOfRangeException(nameof(stored), stored, "Unknown stored state."),
        };
    }

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

    /// <summary>
    /// Returns whether the schedule applies now. With the system clock, the answer is reused, without reading the wall
    /// clock again, until shortly before the next boundary (<see cref="BoundaryMarginMilliseconds"/>) and for at most
    /// <see cref="MaxReuseMilliseconds"/>, measured on the cheap monotonic tick count: reading the wall clock costs more
    /// than the rest of a flag's evaluation. Near a boundary every call reads the clock, so the state still changes at
    /// its instant; a step of the wall clock (NTP) is noticed within <see cref="MaxReuseMilliseconds"/>. Any other
    /// <see cref="TimeProvider"/> (a test's fake clock) is read on every call.
    /// </summary>
    public bool IsActiveNow(TimeProvider time)
    {
        var system = ReferenceEquals(time, TimeProvider.System);
        if (system)
        {
            // One 64-bit field, (deadline << 1) | active, so a reader never pairs one write's deadline with another's answer.
            var cached = Volatile.Read(ref _reuse);
            if (cached != 0 && Environment.TickCount64 < cached >> 1)
            {
                return (cached & 1) != 0;
            }
        }

        var now = time.GetUtcNow().UtcTicks;
        var active = IsActiveAt(now);
        if (system)
        {
            var next = active ? _untilTicks : now < _fromTicks ? _fromTicks : long.MaxValue;
            var untilNext = next == long.MaxValue ? long.MaxValue : (next - now) / TimeSpan.TicksPerMillisecond;
            var reuse = Math.Min(untilNext - BoundaryMarginMilliseconds, MaxReuseMilliseconds);
            if (reuse > 0)
            {
                Volatile.Write(ref _reuse, ((Environment.TickCount64 + reuse) << 1) | (active ? 1L : 0L));
            }
        }

        return active;
    }

    /// <summary>How close to a boundary every evaluation reads the wall clock.</summary>
    internal const long BoundaryMarginMilliseconds = 50;

    /// <summary>The longest an answer about the schedule is reused without reading the wall clock.</summary>
    internal const long MaxReuseMilliseconds = 1000;

    private static CompiledPrerequisite[]? CompilePrerequisites(IReadOnlyList<TogglePrerequisite> requires, Func<string, Toggle?>? resolve)
    {
        if (requires.Count == 0)
        {
            return null;
        }

        var compiled = new CompiledPrerequisite[requires.Count];
        for (var i = 0; i < compiled.Length; i++)
        {
            compiled[i] = new CompiledPrerequisite(requires[i].Toggle, requires[i].Enabled, resolve?.Invoke(requires[i].Toggle));
        }

        return compiled;
    }
}

/// <summary>One prerequisite, resolved once when the state is loaded so evaluation looks nothing up.</summary>
/// <param name="FullName">The required toggle's name.</param>
/// <param name="Enabled">The answer it must give.</param>
/// <param name="Toggle">Its declaration, or null when this application does not declare it (never met).</param>
internal sealed record CompiledPrerequisite(string FullName, bool Enabled, Toggle? Toggle);
