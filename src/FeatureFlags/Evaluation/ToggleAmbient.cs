namespace FeatureFlags;

/// <summary>
/// What flows with the current async operation: the override stack and the open scope. One immutable object read
/// through one <see cref="AsyncLocal{T}"/>, so the hot path pays for a single lookup; parallel flows never see each other's.
/// </summary>
internal sealed class ToggleAmbient(OverrideFrame? overrides, ToggleScope? scope)
{
    private static readonly AsyncLocal<ToggleAmbient?> s_current = new();

    // Set once, the first time any scope or override is opened in the process, and never cleared. Until then no flow can
    // hold an ambient value, so evaluation skips the AsyncLocal read (the largest fixed cost of a warm switch). A plain
    // static is enough: the write happens before the AsyncLocal write that publishes the scope on the same thread, and
    // another thread can only see that scope through an execution context captured after both writes.
    private static volatile bool s_used;

    /// <summary>Gets the ambient value of this flow, or null without reading the AsyncLocal while none was ever set.</summary>
    public static ToggleAmbient? Current
    {
        get => s_used ? s_current.Value : null;
        set
        {
            s_used = true;
            s_current.Value = value;
        }
    }

    public OverrideFrame? Overrides { get; } = overrides;

    public ToggleScope? Scope { get; } = scope;

    /// <summary>
    /// Makes <paramref name="next"/> current and returns a handle that puts the previous ambient back.
    /// </summary>
    public static IDisposable Push(ToggleAmbient next)
    {
        var previous = Current;
        Current = next;
        return new Restorer(previous, next);
    }

    private sealed class Restorer(ToggleAmbient? previous, ToggleAmbient mine) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            // Only unwind our own frame: disposing out of order must not drop a frame pushed later.
            if (Interlocked.Exchange(ref _disposed, 1) == 0 && ReferenceEquals(Current, mine))
            {
                Current = previous;
            }
        }
    }
}
