namespace FeatureFlags;

/// <summary>
/// A condition on another toggle that a toggle's stored state requires: while the other toggle's answer is not
/// <see cref="Enabled"/>, the toggle is off with <see cref="ToggleReason.PrerequisiteFailed"/>.
/// </summary>
/// <param name="Toggle">The full name of the required toggle (it must be declared).</param>
/// <param name="Enabled">The answer the required toggle must give: <see langword="true"/> (on, the usual case) or
/// <see langword="false"/> (off, e.g. "only while the legacy path is off").</param>
/// <remarks>
/// The required toggle is evaluated for the same caller (the same context and, between two course flags or two
/// organisation flags, the same course or organisation), so a parent kill switch turns off its children everywhere.
/// </remarks>
public sealed record TogglePrerequisite(string Toggle, bool Enabled = true)
{
    /// <summary>The most prerequisites one toggle may have.</summary>
    public const int MaxCount = 20;

    /// <summary>The longest chain of prerequisites evaluation follows; a longer chain answers off, and writes that would
    /// create one are refused.</summary>
    public const int MaxDepth = 8;

    /// <summary>
    /// The most toggles one check of a toggle may evaluate through its prerequisites, counted per path (outside a
    /// request scope a prerequisite shared by two paths is evaluated twice); writes that would exceed it are refused.
    /// </summary>
    public const int MaxEvaluations = 64;

    /// <inheritdoc />
    public override string ToString() => Enabled ? $"{Toggle} on" : $"{Toggle} off";
}
