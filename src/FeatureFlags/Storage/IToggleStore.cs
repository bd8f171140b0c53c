namespace FeatureFlags.Storage;

/// <summary>
/// A generic key-value store for toggle state. Adding or removing a toggle never needs a schema change:
/// every value is a JSON document under a string key, every write is versioned and audited.
/// </summary>
/// <remarks>
/// Implementations must be thread-safe. Writes are optimistic: a write names the version it expects
/// (0 for "absent") and fails with <see cref="ToggleConflictException"/> if the stored version differs.
/// The audit row of a write is committed atomically with the write.
/// </remarks>
public interface IToggleStore
{
    /// <summary>
    /// Reads one key.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The record, or <see langword="null"/> when the key is absent.</returns>
    ValueTask<ToggleRecord?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads several keys at once.
    /// </summary>
    /// <param name="keys">The keys.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The records of the keys that exist, in no particular order.</returns>
    ValueTask<IReadOnlyList<ToggleRecord>> GetManyAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists every key that starts with <paramref name="prefix"/> (ordinal comparison); an empty prefix lists everything.
    /// </summary>
    /// <param name="prefix">The prefix.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The records, ordered by key.</returns>
    ValueTask<IReadOnlyList<ToggleRecord>> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a key if its stored version is <paramref name="expectedVersion"/>, and appends an audit row in the same transaction.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value, a JSON document.</param>
    /// <param name="expectedVersion">The version the caller read, or 0 when it expects the key to be absent.</param>
    /// <param name="audit">Who writes and why.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>The record as written, with its new version.</returns>
    /// <exception cref="ToggleConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    ValueTask<ToggleRecord> SetAsync(string key, string value, long expectedVersion, ToggleAuditInfo audit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a key if its stored version is <paramref name="expectedVersion"/>, and appends an audit row in the same transaction.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="audit">Who deletes and why.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>A task that completes when the key is deleted.</returns>
    /// <exception cref="ToggleConflictException">The key is absent or its stored version is not <paramref name="expectedVersion"/>.</exception>
    ValueTask DeleteAsync(string key, long expectedVersion, ToggleAuditInfo audit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies several writes in one transaction: either every write is applied, each with its own version and audit
    /// row, or none is. Keys are validated (<see cref="ToggleKeys.ValidateKey"/>) before anything is written.
    /// </summary>
    /// <param name="writes">The writes, applied in order; a key may appear once.</param>
    /// <param name="audit">Who writes and why; every audit row of the batch carries it.</param>
    /// <param name="cancellationToken">A token to cancel the batch.</param>
    /// <returns>The records as written, in the order of the writes that set a value (deletes have none).</returns>
    /// <exception cref="ArgumentException">A key or value is invalid, or a key appears twice; nothing was written.</exception>
    /// <exception cref="ToggleConflictException">A key's stored version is not the expected one (or a key to delete is absent); nothing was written.</exception>
    ValueTask<IReadOnlyList<ToggleRecord>> WriteBatchAsync(IReadOnlyList<ToggleStoreWrite> writes, ToggleAuditInfo audit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads one page of the audit of a toggle (the key <paramref name="toggleKey"/> and every key under
    /// <c>{toggleKey}/</c>), newest first.
    /// </summary>
    /// <param name="toggleKey">The toggle's full name.</param>
    /// <param name="beforeVersion">Only rows older than this version; <see langword="null"/> for the newest rows.</param>
    /// <param name="limit">The most rows to return; at least 1.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>At most <paramref name="limit"/> rows, newest first.</returns>
    ValueTask<IReadOnlyList<ToggleAuditEntry>> GetHistoryPageAsync(string toggleKey, long? beforeVersion, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the audit of a toggle: rows for the key <paramref name="toggleKey"/> and for every key under <c>{toggleKey}/</c>.
    /// </summary>
    /// <param name="toggleKey">The toggle's full name.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The audit rows, oldest first.</returns>
    ValueTask<IReadOnlyList<ToggleAuditEntry>> GetHistoryAsync(string toggleKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads, in one query, when each key was first and last modified: the oldest and newest audit time of every key
    /// that has audit rows, deleted keys included. With <paramref name="toggleKey"/>, only that toggle's keys are read
    /// (the key itself and every key under <c>{toggleKey}/</c>), as <see cref="GetHistoryAsync"/> selects them.
    /// </summary>
    /// <remarks>
    /// One row per store key, not per toggle: a caller that reports per toggle folds a toggle's override keys into it
    /// (see <see cref="ToggleKeys.TryParse"/>). Reports read this instead of each toggle's history, so a report costs
    /// one scan of the audit whatever the number of toggles.
    /// </remarks>
    /// <param name="toggleKey">A toggle's full name to read only its keys, or <see langword="null"/> for every key.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>One entry per key with audit rows, in no particular order.</returns>
    /// <exception cref="ArgumentException"><paramref name="toggleKey"/> is empty.</exception>
    ValueTask<IReadOnlyList<ToggleModifiedTimes>> GetModifiedTimesAsync(string? toggleKey = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes to change notifications, including changes made by other processes where the store can see them.
    /// </summary>
    /// <param name="observer">Called for each change. It must be quick and must not throw; it may be called on any thread.</param>
    /// <returns>A handle that ends the subscription when disposed.</returns>
    IDisposable Subscribe(Action<ToggleStoreChange> observer);
}
