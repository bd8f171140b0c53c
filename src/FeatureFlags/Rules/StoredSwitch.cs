namespace FeatureFlags;

/// <summary>A switch's stored state: on or off, with optional prerequisites and schedule.</summary>
/// <param name="On">The stored value.</param>
internal sealed record StoredSwitch(bool On) : StoredRules
{
    public override string Kind => StoredValueCodec.SwitchKind;
}
