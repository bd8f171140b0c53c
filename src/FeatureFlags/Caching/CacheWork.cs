namespace FeatureFlags;

/// <summary>
/// One item of the cache's background work queue: read one changed key again, reload everything, or run the start-up
/// load (kept apart from a reload: a reload asked for by the store, after a reconnected feed, must read the store again
/// even if the start-up load has finished).
/// </summary>
internal readonly record struct CacheWork
{
    private CacheWork(CacheWorkKind kind, string? key)
    {
        Kind = kind;
        Key = key;
    }

    public static CacheWork ReloadAll { get; } = new(CacheWorkKind.ReloadAll, null);

    public static CacheWork Startup { get; } = new(CacheWorkKind.Startup, null);

    public CacheWorkKind Kind { get; }

    /// <summary>Gets the changed key, for <see cref="CacheWorkKind.RefreshKey"/>.</summary>
    public string? Key { get; }

    public static CacheWork Refresh(string key) => new(CacheWorkKind.RefreshKey, key);
}

/// <summary>What a <see cref="CacheWork"/> item asks for.</summary>
internal enum CacheWorkKind
{
    RefreshKey,
    ReloadAll,
    Startup,
}
