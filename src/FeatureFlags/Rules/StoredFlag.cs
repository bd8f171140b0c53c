namespace FeatureFlags;

/// <summary>A flag's stored state: its rules, with optional prerequisites and schedule.</summary>
/// <param name="Rules">The rules, validated when decoded.</param>
internal sealed record StoredFlag(FlagRules Rules) : StoredRules
{
    public override string Kind => StoredValueCodec.FlagKind;
}
