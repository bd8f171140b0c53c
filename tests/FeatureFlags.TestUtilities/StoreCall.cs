namespace FeatureFlags.TestUtilities;

/// <summary>The operations of <see cref="FeatureFlags.Storage.IToggleStore"/>, as <see cref="HookableToggleStore"/> names them to its hooks.</summary>
public enum StoreCall
{
    Get,
    GetMany,
    List,
    Set,
    Delete,
    WriteBatch,
    GetHistoryPage,
    GetHistory,
}
