namespace FeatureFlags.Storage;

/// <summary>
/// Reads the toggles' stored state without the library's own system keys (such as the prerequisite index), which share
/// the store but are no toggle's state: listings, reports, exports and imports see only toggle keys.
/// </summary>
internal static class StoredToggles
{
    /// <summary>The first character of every system key; toggle names cannot start with it.</summary>
    public const char SystemKeyPrefix = '$';

    /// <summary>Returns whether <paramref name="key"/> is one of the library's system keys.</summary>
    public static bool IsSystemKey(string key) => key.Length > 0 && key[0] == SystemKeyPrefix;

    /// <summary>Lists every stored key but the system keys, in key order.</summary>
    public static async ValueTask<IReadOnlyList<ToggleRecord>> ListAsync(IToggleStore store, CancellationToken cancellationToken = default)
    {
        var records = await store.ListAsync(string.Empty, cancellationToken).ConfigureAwait(false);
        return records.Any(r => IsSystemKey(r.Key)) ? [.. records.Where(r => !IsSystemKey(r.Key))] : records;
    }
}
