namespace FeatureFlags.Storage;

/// <summary>
/// What every store does the same way around its batch write (<see cref="IToggleStore.WriteBatchAsync"/>): the checks of
/// a batch before anything is written, and single-key writes as batches of one, so that a set or a delete takes exactly
/// the path of a batch (one version check, audit row and change notification each). Shared by the in-memory and the SQL
/// stores.
/// </summary>
internal static class ToggleStoreBatch
{
    /// <summary>
    /// Checks a batch before anything is written: an actor for the audit, valid keys and values, versions that are not
    /// negative and no key twice.
    /// </summary>
    /// <param name="writes">The batch.</param>
    /// <param name="audit">Who writes and why.</param>
    /// <exception cref="ArgumentException">Something is missing or invalid; nothing may be written.</exception>
    public static void Validate(IReadOnlyList<ToggleStoreWrite> writes, ToggleAuditInfo audit)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (string.IsNullOrWhiteSpace(audit.Actor))
        {
            throw new ArgumentException("Every change must name its actor for the audit.", nameof(audit));
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var write in writes)
        {
            ArgumentNullException.ThrowIfNull(write, nameof(writes));
            ToggleKeys.ValidateKey(write.Key);
            ArgumentOutOfRangeException.ThrowIfNegative(write.ExpectedVersion, nameof(writes));
            if (write.Value is not null)
            {
                ToggleKeys.ValidateValue(write.Key, write.Value);
            }

            if (!keys.Add(write.Key))
            {
                throw new ArgumentException($"Key '{write.Key}' appears twice in one batch.", nameof(writes));
            }
        }
    }

    /// <summary>Sets one key as a batch of one (<see cref="IToggleStore.SetAsync"/>).</summary>
    public static async ValueTask<ToggleRecord> SetAsync(IToggleStore store, string key, string value, long expectedVersion, ToggleAuditInfo audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        var written = await store.WriteBatchAsync([new ToggleStoreWrite(key, value, expectedVersion)], audit, cancellationToken).ConfigureAwait(false);
        return written[0];
    }

    /// <summary>Deletes one key as a batch of one (<see cref="IToggleStore.DeleteAsync"/>).</summary>
    public static async ValueTask DeleteAsync(IToggleStore store, string key, long expectedVersion, ToggleAuditInfo audit, CancellationToken cancellationToken)
        => await store.WriteBatchAsync([new ToggleStoreWrite(key, null, expectedVersion)], audit, cancellationToken).ConfigureAwait(false);
}
