namespace FeatureFlags;

/// <summary>
/// A toggle decided per user by stored rules: everyone, superusers, staff, authenticated users, languages,
/// listed users, listed groups and a sticky percentage (see <see cref="FlagRules"/>).
/// </summary>
public class Flag : Toggle
{
    internal Flag(ToggleNamespace @namespace, string name, ToggleMetadata metadata, string declaredAt)
        : base(@namespace, name, metadata, declaredAt)
    {
    }

    /// <inheritdoc />
    public override ToggleKind Kind => ToggleKind.Flag;
}
