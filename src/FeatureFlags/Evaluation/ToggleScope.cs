using System.Collections.Concurrent;

namespace FeatureFlags;

/// <summary>
/// A unit of work (typically a request) with one <see cref="ToggleContext"/> and one consistent answer per toggle
/// and course or organisation key: once a toggle is evaluated in the scope, later evaluations return the same value
/// even if an administrator changes the toggle meanwhile. Dispose it to end the scope.
/// </summary>
/// <remarks>Thread-safe: tasks of one request may evaluate concurrently; the first answer stored wins.</remarks>
public sealed class ToggleScope : IDisposable
{
    private readonly ConcurrentDictionary<int, ToggleDecision> _answers = new();
    private ConcurrentDictionary<(int Toggle, string Subject), ToggleDecision>? _keyedAnswers;
    private IDisposable? _restore;

    internal ToggleScope(object owner, ToggleContext context)
    {
        Owner = owner;
        Context = context;
    }

    /// <summary>
    /// Gets the context every evaluation in the scope uses.
    /// </summary>
    public ToggleContext Context { get; }

    internal object Owner { get; }

    /// <summary>
    /// Ends the scope and restores the scope that was current before it.
    /// </summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _restore, null)?.Dispose();
    }

    internal void Activate(IDisposable restore) => _restore = restore;

    internal bool TryGet(int toggleId, string? subject, out ToggleDecision decision)
    {
        if (subject is null)
        {
            return _answers.TryGetValue(toggleId, out decision);
        }

        var keyed = _keyedAnswers;
        if (keyed is null)
        {
            decision = default;
            return false;
        }

        return keyed.TryGetValue((toggleId, subject), out decision);
    }

    internal ToggleDecision GetOrAdd(int toggleId, string? subject, ToggleDecision decision)
    {
        if (subject is null)
        {
            return _answers.GetOrAdd(toggleId, decision);
        }

        var keyed = _keyedAnswers ?? Interlocked.CompareExchange(ref _keyedAnswers, new(), null) ?? _keyedAnswers;
        return keyed.GetOrAdd((toggleId, subject), decision);
    }
}
