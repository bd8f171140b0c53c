namespace FeatureFlags;

/// <summary>A release group's stored state: on or off, with an optional schedule (a group never has prerequisites).</summary>
/// <param name="On">The stored value.</param>
internal sealed record StoredGroup(bool On) : StoredRules
{
    public override string Kind => StoredValueCodec.GroupKind;
}
