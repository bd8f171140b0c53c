namespace FeatureFlags;

/// <summary>
/// A <see cref="Flag"/> that can also be forced on or off per organisation, for example an enterprise customer or a pilot organisation.
/// </summary>
public sealed class OrgFlag : Flag
{
    internal OrgFlag(ToggleNamespace @namespace, string name, ToggleMetadata metadata, string declaredAt)
        : base(@namespace, name, metadata, declaredAt)
    {
    }

    /// <inheritdoc />
    public override ToggleKind Kind => ToggleKind.OrgFlag;
}
