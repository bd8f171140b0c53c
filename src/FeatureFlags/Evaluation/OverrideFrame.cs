namespace FeatureFlags;

/// <summary>
/// One override in an override scope; frames form an immutable stack, newest first. A frame either forces the answer
/// (<see cref="Rules"/> is null) or replaces only a flag's own stored rules, so that site, course and organisation
/// overrides still apply, as edx's <c>override_waffle_flag</c> does.
/// </summary>
internal sealed class OverrideFrame(string fullName, string? subject, bool value, OverrideFrame? next, CompiledFlag? rules = null)
{
    /// <summary>Gets the overridden toggle's full name: by name, so tests can override toggles they hold no reference to.</summary>
    public string FullName { get; } = fullName;

    /// <summary>Gets the course or organisation key the override is limited to, or null for every key.</summary>
    public string? Subject { get; } = subject;

    public bool Value { get; } = value;

    /// <summary>Gets the flag rules that replace the stored ones, or null when the frame forces <see cref="Value"/>.</summary>
    public CompiledFlag? Rules { get; } = rules;

    public OverrideFrame? Next { get; } = next;

    /// <summary>
    /// Finds the newest frame for the toggle and subject. Returns true when it forces a value; when it replaces the
    /// flag's rules instead, returns false with <paramref name="rules"/> set.
    /// </summary>
    public static bool TryFind(OverrideFrame? frame, Toggle toggle, string? subject, StringComparer subjects, out bool value, out CompiledFlag? rules)
    {
        for (; frame is not null; frame = frame.Next)
        {
            if (string.Equals(frame.FullName, toggle.FullName, StringComparison.Ordinal) && (frame.Subject is null || (subject is not null && subjects.Equals(frame.Subject, subject))))
            {
                value = frame.Value;
                rules = frame.Rules;
                return rules is null;
            }
        }

        value = false;
        rules = null;
        return false;
    }
}
