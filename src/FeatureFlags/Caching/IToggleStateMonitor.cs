namespace FeatureFlags;

/// <summary>
/// Observes the process cache: whether the store answers, and when changes from the store are applied.
/// </summary>
public interface IToggleStateMonitor
{
    /// <summary>
    /// Gets a value indicating whether the last access to the store succeeded.
    /// </summary>
    bool IsStoreAvailable { get; }

    /// <summary>
    /// Gets a value indicating whether the store's state has been loaded at least once.
    /// </summary>
    bool IsLoaded { get; }

    /// <summary>
    /// Occurs after changes from the store have been applied to the cache, on the thread that applied them.
    /// Handlers must be quick and must not throw.
    /// </summary>
    event EventHandler<ToggleStateChangedEventArgs>? StateChanged;
}
