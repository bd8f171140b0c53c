namespace FeatureFlags;

/// <summary>
/// Stored rules parsed once into a shape that evaluates without allocating.
/// </summary>
internal abstract class CompiledRules
{
    public abstract string Kind { get; }
}
