namespace FeatureFlags;

/// <summary>
/// One item of the cache's background work queue: read one changed key again, reload everything, or run the start-up
/// load (kept apart from a reload: a reload asked for by the store, after a reconnected feed, must read the store again
/// even if the start-up load has finished).
/// </summary>
internal readonly record struct CacheWork
{
    private CacheWork(CacheWorkKind kind, string? key, long? version = null)
    {
        Kind = kind;
        Key = key;
        Version = version;
    }

    public static CacheWork ReloadAll { get; } = new(CacheWorkKind.ReloadAll, null);

    /// <summary>Reload everything, unless the last full load held <paramref name="version"/> or newer (<see langword="null"/>: in any case).</summary>
    public static CacheWork ReloadUpTo(long? version) => new(CacheWorkKind.ReloadAll, null, version);

    public static CacheWork Startup { get; } = new(CacheWorkKind.Startup, null);

    public CacheWorkKind Kind { get; }

    /// <summary>Gets the changed key, for <see cref="CacheWorkKind.RefreshKey"/>.</summary>
    public string? Key { get; }

    /// <summary>Gets the version the store announced for <see cref="Key"/> (or, for a reload, up to which one may have
    /// been missed), or <see langword="null"/> when it named none.</summary>
    public long? Version { get; }

    public static CacheWork Refresh(string key, long? version = null) => new(CacheWorkKind.RefreshKey, key, version);
}

/// <summary>What a <see cref="CacheWork"/> item asks for.</summary>
internal enum CacheWorkKind
{
    RefreshKey,
    ReloadAll,
    Startup,
}
