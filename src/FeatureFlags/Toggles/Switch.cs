namespace FeatureFlags;

/// <summary>
/// A toggle with one global on/off value held in the store. Use it for kill switches and launch dates.
/// </summary>
public sealed class Switch : Toggle
{
    internal Switch(ToggleNamespace @namespace, string name, ToggleMetadata metadata, string declaredAt)
        : base(@namespace, name, metadata, declaredAt)
    {
    }

    /// <inheritdoc />
    public override ToggleKind Kind => ToggleKind.Switch;
}
