namespace FeatureFlags.TestUtilities;

/// <summary>
/// Stored JSON values as the library writes them, for tests that write to a store directly (as another instance would).
/// </summary>
public static class StoredValues
{
    public static string Switch(bool on) => StoredValueCodec.EncodeSwitch(on);

    public static string Flag(FlagRules rules) => StoredValueCodec.EncodeFlag(rules);

    public static string Override(bool on) => StoredValueCodec.EncodeOverride(on);
}
