namespace FeatureFlags;

/// <summary>The stored state of a release group: on or off (unset is no stored state).</summary>
internal sealed class CompiledGroup(bool on) : CompiledRules
{
    public static readonly CompiledGroup On = new(true);
    public static readonly CompiledGroup Off = new(false);

    public bool IsOn { get; } = on;

    public override string Kind => StoredValueCodec.GroupKind;
}
