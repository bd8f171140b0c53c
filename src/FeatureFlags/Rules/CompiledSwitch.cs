namespace FeatureFlags;

internal sealed class CompiledSwitch(bool on) : CompiledRules
{
    public static readonly CompiledSwitch On = new(true);
    public static readonly CompiledSwitch Off = new(false);

    public bool IsOn { get; } = on;

    public override string Kind => StoredValueCodec.SwitchKind;
}
