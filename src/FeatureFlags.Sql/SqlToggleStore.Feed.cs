using Dapper;
using FeatureFlags.Storage;

namespace FeatureFlags.Sql;

// Change notifications: observers, and the change feed started with the first one.
public abstract partial class SqlToggleStore
{
    /// <inheritdoc />
    public IDisposable Subscribe(Action<ToggleStoreChange> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        bool first;
        lock (_observersLock)
        {
            first = _observers.Length == 0;
            _observers = [.. _observers, observer];
        }

        if (first)
        {
            lock (_observersLock)
            {
                _changeFeed ??= Task.Run(() => RunChangeFeedAsync(_stopping.Token));
            }
        }

        return new Subscription(this, observer);
    }

    /// <summary>
    /// Sends a change to every observer. Observer exceptions are swallowed so one observer cannot break the feed.
    /// </summary>
    /// <param name="change">The change.</param>
    private protected void Publish(ToggleStoreChange change)
    {
        foreach (var observer in Volatile.Read(ref _observers))
        {
            try
            {
                observer(change);
            }
#pragma warning disable CA1031 // An observer's failure must not stop the others or the writer.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    /// <summary>
    /// Reads the changes committed after <paramref name="version"/> from the audit (the change table), in one query
    /// that also carries each key's current row, so listeners need not read anything back. Changes this instance
    /// wrote are left out (they were announced in process when they committed), as are changes a later one in the
    /// result supersedes.
    /// </summary>
    /// <param name="version">The last version already known.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The changes, oldest first, and the newest version seen (<paramref name="version"/> when there is none).</returns>
    private protected ValueTask<(IReadOnlyList<ToggleStoreChange> Changes, long Version)> ReadChangesSinceAsync(long version, CancellationToken cancellationToken)
        => ReadAsync(async (connection, ct) =>
        {
            // The state row joins only when it is still at the audit row's version: then it is that change's result.
            var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
                "SELECT s.key, s.value, s.version, s.created_at, s.modified_at, s.modified_by, a.key, a.version, a.action, a.writer " +
                "FROM ff_audit a LEFT JOIN ff_state s ON s.key = a.key AND s.version = a.version " +
                "WHERE a.version > @Version ORDER BY a.version",
                new { Version = version },
                cancellationToken: ct)).ConfigureAwait(false);
            var rows = new List<(string Key, long Version, string? Writer, bool Deleted, ToggleRecord? Record)>();
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    ToggleRecord? record = null;
                    if (!await reader.IsDBNullAsync(0, ct).ConfigureAwait(false))
                    {
                        _ = StateRowReader.TryRead(reader, out record, out _, out _);
                    }

                    rows.Add((reader.GetString(6), reader.GetInt64(7), reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetString(8) == nameof(ToggleAuditAction.Deleted), record));
                }
            }

            var last = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < rows.Count; i++)
            {
                last[rows[i].Key] = i;
            }

            var changes = new List<ToggleStoreChange>(last.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                if (last[row.Key] != i || row.Writer == InstanceId)
                {
                    continue;
                }

                changes.Add(row.Deleted ? ToggleStoreChange.Deleted(row.Key, row.Version, row.Writer)
                    : row.Record is { } record ? ToggleStoreChange.Written(record, row.Writer)
                    : ToggleStoreChange.Changed(row.Key, row.Version, row.Writer));
            }

            return ((IReadOnlyList<ToggleStoreChange>)changes, rows.Count == 0 ? version : rows[^1].Version);
        }, cancellationToken);

    private sealed class Subscription(SqlToggleStore store, Action<ToggleStoreChange> observer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                lock (store._observersLock)
                {
                    store._observers = [.. store._observers.Where(o => o != observer)];
                }
            }
        }
    }
}
