namespace FeatureFlags;

/// <summary>
/// Describes changes applied to the process cache.
/// </summary>
public sealed class ToggleStateChangedEventArgs : EventArgs
{
    /// <summary>
    /// Initializes a new instance of the <see cref="ToggleStateChangedEventArgs"/> class.
    /// </summary>
    /// <param name="keys">The store keys applied.</param>
    /// <param name="isFullReload">Whether the whole state was reloaded.</param>
    public ToggleStateChangedEventArgs(IReadOnlyList<string> keys, bool isFullReload)
    {
        ArgumentNullException.ThrowIfNull(keys);
        Keys = keys;
        IsFullReload = isFullReload;
    }

    /// <summary>
    /// Gets the store keys applied (toggle full names and override keys).
    /// </summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>
    /// Gets a value indicating whether the whole state was reloaded; <see cref="Keys"/> then lists every stored key.
    /// </summary>
    public bool IsFullReload { get; }
}
