using System.Globalization;

namespace FeatureFlags;

/// <summary>
/// When a stored state applies: from <see cref="ActiveFrom"/> (inclusive) until <see cref="ActiveUntil"/> (exclusive),
/// both UTC instants. Outside that window the state is as if it were not stored, so evaluation falls through to the next
/// layer (for a switch or flag, its code default; for a group, "unset"; for an override, the less specific layers).
/// </summary>
/// <remarks>
/// Evaluation compares the window with <see cref="TimeProvider"/> on every call, so a scheduled state starts and ends at
/// its instant without waiting for the store; unscheduled states never read the clock. Lint reports expired schedules.
/// </remarks>
public sealed record ToggleSchedule
{
    /// <summary>
    /// Initializes a new instance of the <see cref="ToggleSchedule"/> class.
    /// </summary>
    /// <param name="activeFrom">The first instant the state applies, or <see langword="null"/> for "already".</param>
    /// <param name="activeUntil">The instant it stops applying, or <see langword="null"/> for "never".</param>
    /// <exception cref="ArgumentException">Neither instant is given, or <paramref name="activeUntil"/> is not after <paramref name="activeFrom"/>.</exception>
    public ToggleSchedule(DateTimeOffset? activeFrom = null, DateTimeOffset? activeUntil = null)
    {
        if (activeFrom is null && activeUntil is null)
        {
            throw new ArgumentException("A schedule needs a start (activeFrom), an end (activeUntil) or both.", nameof(activeFrom));
        }

        if (activeFrom is { } from && activeUntil is { } until && until <= from)
        {
            throw new ArgumentException($"The schedule ends ({Format(until)}) before it starts ({Format(from)}).", nameof(activeUntil));
        }

        ActiveFrom = activeFrom?.ToUniversalTime();
        ActiveUntil = activeUntil?.ToUniversalTime();
    }

    /// <summary>Gets the first instant (UTC) the state applies, or <see langword="null"/> when it applies already.</summary>
    public DateTimeOffset? ActiveFrom { get; }

    /// <summary>Gets the instant (UTC) the state stops applying, or <see langword="null"/> when it never does.</summary>
    public DateTimeOffset? ActiveUntil { get; }

    /// <summary>Returns where an instant falls relative to the window.</summary>
    /// <param name="now">The instant.</param>
    /// <returns>Pending before the window, active within it, expired after it.</returns>
    public ToggleScheduleStatus StatusAt(DateTimeOffset now)
        => ActiveFrom is { } from && now < from ? ToggleScheduleStatus.Pending
            : ActiveUntil is { } until && now >= until ? ToggleScheduleStatus.Expired
            : ToggleScheduleStatus.Active;

    /// <summary>Formats an instant the way schedules are stored and shown: ISO 8601 in UTC (<c>2026-12-07T09:00:00Z</c>).</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The text.</returns>
    public static string Format(DateTimeOffset instant)
        => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => (ActiveFrom, ActiveUntil) switch
    {
        ({ } from, { } until) => $"from {Format(from)} until {Format(until)}",
        ({ } from, null) => $"from {Format(from)}",
        (null, { } until) => $"until {Format(until)}",
        _ => "always",
    };
}

/// <summary>Where the current instant falls relative to a <see cref="ToggleSchedule"/>.</summary>
public enum ToggleScheduleStatus
{
    /// <summary>Before <see cref="ToggleSchedule.ActiveFrom"/>: the state does not apply yet.</summary>
    Pending,

    /// <summary>Within the window: the state applies.</summary>
    Active,

    /// <summary>At or after <see cref="ToggleSchedule.ActiveUntil"/>: the state no longer applies.</summary>
    Expired,
}
