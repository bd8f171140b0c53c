namespace FeatureFlags.TestUtilities;

/// <summary>
/// A clock the test sets; timers still run on real time.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
