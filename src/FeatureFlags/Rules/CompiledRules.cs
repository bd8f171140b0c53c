namespace FeatureFlags;

/// <summary>
/// A toggle's stored state in the form evaluation reads: immutable, replaced whole when the store changes.
/// </summary>
internal abstract class CompiledRules
{
    public abstract string Kind { get; }

    /// <summary>Gets the toggles this state requires, resolved to their declarations when loaded; null when none.</summary>
    public CompiledPrerequisite[]? Prerequisites { get; init; }
}

/// <summary>One prerequisite, resolved once when the state is loaded so evaluation looks nothing up.</summary>
/// <param name="FullName">The required toggle's name.</param>
/// <param name="Enabled">The answer it must give.</param>
/// <param name="Toggle">Its declaration, or null when this application does not declare it (never met).</param>
internal sealed record CompiledPrerequisite(string FullName, bool Enabled, Toggle? Toggle);
