namespace FeatureFlags.Storage;

/// <summary>
/// A notification from an <see cref="IToggleStore"/> that stored state changed.
/// </summary>
public sealed class ToggleStoreChange
{
    private ToggleStoreChange(string? key, ToggleRecord? record, bool deleted, long version, IReadOnlyList<ToggleStoreChange>? changes = null, string? writer = null)
    {
        Key = key;
        Record = record;
        IsDelete = deleted;
        Version = version;
        Changes = changes;
        Writer = writer;
    }

    /// <summary>
    /// Gets the changes of one batch write (<see cref="IToggleStore.WriteBatchAsync"/>), announced together so that a
    /// listener applies them at once; <see langword="null"/> for a single change. A batch has no <see cref="Key"/>: a
    /// listener that does not look at <see cref="Changes"/> treats it as "everything may have changed", which is safe.
    /// </summary>
    public IReadOnlyList<ToggleStoreChange>? Changes { get; }

    /// <summary>
    /// Returns the announcement of a batch write: its changes, in the order they were written.
    /// </summary>
    /// <param name="changes">The single-key changes of the batch.</param>
    /// <returns>The change; the only change itself when there is one.</returns>
    /// <exception cref="ArgumentException">A change is itself a batch or has no key.</exception>
    public static ToggleStoreChange Batch(IReadOnlyList<ToggleStoreChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Any(c => c is null || c.Key is null))
        {
            throw new ArgumentException("A batch holds single-key changes only.", nameof(changes));
        }

        if (changes.Count == 1)
        {
            return changes[0];
        }

        var writer = changes.Count > 0 && changes.All(c => c.Writer == changes[0].Writer) ? changes[0].Writer : null;
        return new(null, null, false, changes.Count == 0 ? 0 : changes.Max(c => c.Version), changes, writer);
    }

    /// <summary>
    /// Gets a change that says anything may have changed (for example after a lost connection): listeners reload everything.
    /// </summary>
    public static ToggleStoreChange Everything { get; } = new(null, null, false, 0);

    /// <summary>
    /// Gets the key that changed, or <see langword="null"/> when anything may have changed.
    /// </summary>
    public string? Key { get; }

    /// <summary>
    /// Gets the new record when the store knows it, so listeners need not read it back; <see langword="null"/> otherwise.
    /// </summary>
    public ToggleRecord? Record { get; }

    /// <summary>
    /// Gets a value indicating whether the key was deleted.
    /// </summary>
    public bool IsDelete { get; }

    /// <summary>
    /// Gets the change sequence number of the change, or 0 when unknown. A listener that already holds this version of
    /// <see cref="Key"/> (or a newer one) can skip the change: versions are store-wide and never repeat.
    /// </summary>
    public long Version { get; }

    /// <summary>
    /// Gets the id of the store instance that made the change (see <c>SqlToggleStore.InstanceId</c>), or
    /// <see langword="null"/> when unknown. A store skips notifications of its own writes, which it has already
    /// announced in process.
    /// </summary>
    public string? Writer { get; }

    /// <summary>
    /// Creates a notification that a key was written, carrying the new record.
    /// </summary>
    /// <param name="record">The record as written.</param>
    /// <returns>The notification.</returns>
    public static ToggleStoreChange Written(ToggleRecord record) => Written(record, null);

    /// <summary>
    /// Creates a notification that a key was written by a given store instance, carrying the new record.
    /// </summary>
    /// <param name="record">The record as written.</param>
    /// <param name="writer">The id of the store instance that wrote it, or <see langword="null"/> when unknown.</param>
    /// <returns>The notification.</returns>
    public static ToggleStoreChange Written(ToggleRecord record, string? writer)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Key, record, false, record.Version, writer: writer);
    }

    /// <summary>
    /// Creates a notification that a key was deleted.
    /// </summary>
    /// <param name="key">The deleted key.</param>
    /// <param name="version">The change sequence number of the deletion.</param>
    /// <returns>The notification.</returns>
    public static ToggleStoreChange Deleted(string key, long version) => Deleted(key, version, null);

    /// <summary>
    /// Creates a notification that a key was deleted by a given store instance.
    /// </summary>
    /// <param name="key">The deleted key.</param>
    /// <param name="version">The change sequence number of the deletion.</param>
    /// <param name="writer">The id of the store instance that deleted it, or <see langword="null"/> when unknown.</param>
    /// <returns>The notification.</returns>
    public static ToggleStoreChange Deleted(string key, long version, string? writer)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        return new(key, null, true, version, writer: writer);
    }

    /// <summary>
    /// Creates a notification that a key changed, without its new value: listeners read it back.
    /// </summary>
    /// <param name="key">The changed key.</param>
    /// <returns>The notification.</returns>
    public static ToggleStoreChange Changed(string key) => Changed(key, 0, null);

    /// <summary>
    /// Creates a notification that a key changed at a known version, without its new value (it did not fit the
    /// notification): a listener that holds an older version reads it back, one that holds this version skips it.
    /// </summary>
    /// <param name="key">The changed key.</param>
    /// <param name="version">The change sequence number of the change, or 0 when unknown.</param>
    /// <param name="writer">The id of the store instance that changed it, or <see langword="null"/> when unknown.</param>
    /// <returns>The notification.</returns>
    public static ToggleStoreChange Changed(string key, long version, string? writer)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return new(key, null, false, version, writer: writer);
    }
}
