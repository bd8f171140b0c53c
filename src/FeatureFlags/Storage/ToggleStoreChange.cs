namespace FeatureFlags.Storage;

/// <summary>
/// A notification from an <see cref="IToggleStore"/> that stored state changed. <see cref="Kind"/> says which of a
/// closed set of notifications it is, and so which of the other properties are set; the factory methods check their
/// arguments, so a notification that reaches a listener is well formed.
/// </summary>
public sealed class ToggleStoreChange
{
    private ToggleStoreChange(ToggleStoreChangeKind kind, string? key, ToggleRecord? record, long? version, string? writer, IReadOnlyList<ToggleStoreChange> changes)
    {
        Kind = kind;
        Key = key;
        Record = record;
        Version = version;
        Writer = writer;
        Changes = changes;
    }

    /// <summary>Gets what the notification announces.</summary>
    public ToggleStoreChangeKind Kind { get; }

    /// <summary>
    /// Gets the key that changed, for <see cref="ToggleStoreChangeKind.Written"/>, <see cref="ToggleStoreChangeKind.Deleted"/>
    /// and <see cref="ToggleStoreChangeKind.Changed"/>; otherwise <see langword="null"/>.
    /// </summary>
    public string? Key { get; }

    /// <summary>
    /// Gets the record as written, for <see cref="ToggleStoreChangeKind.Written"/>, so listeners need not read it back;
    /// otherwise <see langword="null"/>.
    /// </summary>
    public ToggleRecord? Record { get; }

    /// <summary>
    /// Gets the store-wide version of the change, or <see langword="null"/> when the notification carries none.
    /// Always set for <see cref="ToggleStoreChangeKind.Written"/> and <see cref="ToggleStoreChangeKind.Deleted"/>;
    /// the newest version of a <see cref="ToggleStoreChangeKind.Batch"/> when any of its changes has one; for
    /// <see cref="ToggleStoreChangeKind.Everything"/>, the version up to which changes may have been missed. A version
    /// is at least 1: versions are store-wide and never repeat, so a listener that already holds this version of
    /// <see cref="Key"/> (or a newer one) can skip the change.
    /// </summary>
    public long? Version { get; }

    /// <summary>
    /// Gets the id of the store instance that made the change (see <c>SqlToggleStore.InstanceId</c>), or
    /// <see langword="null"/> when unknown. A store skips notifications of its own writes, which it has already
    /// announced in process.
    /// </summary>
    public string? Writer { get; }

    /// <summary>
    /// Gets the changes of a <see cref="ToggleStoreChangeKind.Batch"/>, in the order they were written; empty for
    /// every other kind.
    /// </summary>
    public IReadOnlyList<ToggleStoreChange> Changes { get; }

    /// <summary>
    /// Creates a notification that a key was written, carrying the new record.
    /// </summary>
    /// <param name="record">The record as written; its key and version are the change's.</param>
    /// <param name="writer">The id of the store instance that wrote it, or <see langword="null"/> when unknown.</param>
    /// <returns>The notification.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The record's key is not a valid key (<see cref="ToggleKeys.ValidateKey"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The record's version is less than 1.</exception>
    public static ToggleStoreChange Written(ToggleRecord record, string? writer = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ToggleKeys.ValidateKey(record.Key);
        ArgumentOutOfRangeException.ThrowIfLessThan(record.Version, 1, nameof(record));
        return new(ToggleStoreChangeKind.Written, record.Key, record, record.Version, writer, []);
    }

    /// <summary>
    /// Creates a notification that a key was deleted.
    /// </summary>
    /// <param name="key">The deleted key.</param>
    /// <param name="version">The version of the deletion; at least 1.</param>
    /// <param name="writer">The id of the store instance that deleted it, or <see langword="null"/> when unknown.</param>
    /// <returns>The notification.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not a valid key (<see cref="ToggleKeys.ValidateKey"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is less than 1.</exception>
    public static ToggleStoreChange Deleted(string key, long version, string? writer = null)
    {
        ToggleKeys.ValidateKey(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return new(ToggleStoreChangeKind.Deleted, key, null, version, writer, []);
    }

    /// <summary>
    /// Creates a notification that a key changed, without its new state: listeners read it back (one that already
    /// holds <paramref name="version"/> skips it).
    /// </summary>
    /// <param name="key">The changed key.</param>
    /// <param name="version">The version of the change (at least 1), or <see langword="null"/> when unknown.</param>
    /// <param name="writer">The id of the store instance that changed it, or <see langword="null"/> when unknown.</param>
    /// <returns>The notification.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not a valid key (<see cref="ToggleKeys.ValidateKey"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is less than 1.</exception>
    public static ToggleStoreChange Changed(string key, long? version = null, string? writer = null)
    {
        ToggleKeys.ValidateKey(key);
        if (version is { } v)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(v, 1, nameof(version));
        }

        return new(ToggleStoreChangeKind.Changed, key, null, version, writer, []);
    }

    /// <summary>
    /// Creates the announcement of a batch write: its changes, in the order they were written. The batch's
    /// <see cref="Writer"/> is the changes' writer when they all share one.
    /// </summary>
    /// <param name="changes">The single-key changes of the batch (<see cref="ToggleStoreChangeKind.Written"/>,
    /// <see cref="ToggleStoreChangeKind.Deleted"/> or <see cref="ToggleStoreChangeKind.Changed"/>); at least one.</param>
    /// <returns>The notification; the only change itself when there is one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="changes"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="changes"/> is empty, or a change is not a single-key change.</exception>
    public static ToggleStoreChange Batch(IReadOnlyList<ToggleStoreChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            throw new ArgumentException("A batch holds at least one change.", nameof(changes));
        }

        long? newest = null;
        var writer = changes[0]?.Writer;
        foreach (var change in changes)
        {
            if (change is null || change.Kind is ToggleStoreChangeKind.Batch or ToggleStoreChangeKind.Everything)
            {
                throw new ArgumentException("A batch holds single-key changes only.", nameof(changes));
            }

            if (change.Version > (newest ?? 0))
            {
                newest = change.Version;
            }

            if (!string.Equals(change.Writer, writer, StringComparison.Ordinal))
            {
                writer = null;
            }
        }

        return changes.Count == 1 ? changes[0] : new(ToggleStoreChangeKind.Batch, null, null, newest, writer, [.. changes]);
    }

    /// <summary>
    /// Creates a notification that anything may have changed unannounced: listeners reload everything. With
    /// <paramref name="upToVersion"/> (as a change feed says when it starts listening), only changes up to that
    /// version may have been missed and every later one will be announced, so a listener whose last full load
    /// already held a record of that version or newer has seen everything and need not reload.
    /// </summary>
    /// <param name="upToVersion">The store's version when the feed started listening (at least 1), or
    /// <see langword="null"/> when unknown (every listener reloads).</param>
    /// <returns>The notification.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="upToVersion"/> is less than 1.</exception>
    public static ToggleStoreChange Everything(long? upToVersion = null)
    {
        if (upToVersion is { } v)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(v, 1, nameof(upToVersion));
        }

        return new(ToggleStoreChangeKind.Everything, null, null, upToVersion, null, []);
    }
}
