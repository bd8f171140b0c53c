namespace FeatureFlags;

/// <summary>
/// One forced value in an override scope; frames form an immutable stack, newest first.
/// </summary>
internal sealed class OverrideFrame(string fullName, string? subject, bool value, OverrideFrame? next)
{
    /// <summary>Gets the overridden toggle's full name: by name, so tests can override toggles they hold no reference to.</summary>
    public string FullName { get; } = fullName;

    /// <summary>Gets the course or organisation key the override is limited to, or null for every key.</summary>
    public string? Subject { get; } = subject;

    public bool Value { get; } = value;

    public OverrideFrame? Next { get; } = next;

    public static bool TryFind(OverrideFrame? frame, Toggle toggle, string? subject, out bool value)
    {
        for (; frame is not null; frame = frame.Next)
        {
            if (string.Equals(frame.FullName, toggle.FullName, StringComparison.Ordinal) && (frame.Subject is null || string.Equals(frame.Subject, subject, StringComparison.Ordinal)))
            {
                value = frame.Value;
                return true;
            }
        }

        value = false;
        return false;
    }
}
