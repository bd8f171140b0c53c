using System.Data.Common;
using Dapper;

namespace FeatureFlags.Sql;

// Reads: single keys, lists, history pages and the change feed's catch-up queries, each retried once on a stale pooled connection.
public abstract partial class SqlToggleStore
{
    /// <inheritdoc />
    public async ValueTask<ToggleRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await ReadAsync(async (connection, ct) =>
        {
            var rows = await QueryStateAsync(connection, new CommandDefinition(SelectState + " WHERE key = @Key", new { Key = key }, cancellationToken: ct)).ConfigureAwait(false);
            return rows.Count == 0 ? null : rows[0];
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ToggleRecord>> GetManyAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }

        return await ReadAsync(async (connection, ct) =>
        {
            var found = new List<ToggleRecord>(keys.Count);
            foreach (var batch in keys.Distinct(StringComparer.Ordinal).Chunk(ReadBatchSize))
            {
                found.AddRange(await QueryStateAsync(connection, new CommandDefinition(
                    SelectState + " WHERE " + KeyInListSql,
                    new { Keys = batch },
                    cancellationToken: ct)).ConfigureAwait(false));
            }

            return (IReadOnlyList<ToggleRecord>)found;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ToggleRecord>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        // A range on the key [prefix, prefix with its last character raised) lets the database read only the prefix's
        // keys from the key index (one toggle's overrides) instead of testing every row; the exact test stays.
        var ranged = prefix.Length > 0 && !char.IsSurrogate(prefix[^1]) && prefix[^1] < char.MaxValue;
        var where = prefix.Length == 0 ? string.Empty
            : ranged ? $" WHERE {OrdinalKeySql} >= @Prefix AND {OrdinalKeySql} < @PrefixEnd AND {StartsWithPrefixSql}"
            : $" WHERE {StartsWithPrefixSql}";
        var parameters = new { Prefix = prefix, PrefixEnd = ranged ? prefix[..^1] + (char)(prefix[^1] + 1) : prefix };
        return await ReadAsync(async (connection, ct) =>
        {
            var rows = await QueryStateAsync(connection, new CommandDefinition(SelectState + where + OrderByKeySql, parameters, cancellationToken: ct)).ConfigureAwait(false);

            // The database orders by its collation, which for most keys (and every ASCII one) is ordinal already: then
            // one pass confirms it and nothing is sorted.
            for (var i = 1; i < rows.Count; i++)
            {
                if (string.CompareOrdinal(rows[i - 1].Key, rows[i].Key) > 0)
                {
                    rows.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
                    break;
                }
            }

            return (IReadOnlyList<ToggleRecord>)rows;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ToggleAuditEntry>> GetHistoryAsync(string toggleKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(toggleKey);
        return await ReadAsync(async (connection, ct) =>
        {
            var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
                "SELECT key AS Key, action AS Action, before_value AS Before, after_value AS After, actor AS Actor, reason AS Reason, at AS At, version AS Version " +
                $"FROM ff_audit WHERE {ToggleKeysSql} ORDER BY version",
                ToggleKeysParameters(toggleKey),
                cancellationToken: ct)).ConfigureAwait(false);
            return (IReadOnlyList<ToggleAuditEntry>)[.. rows.Select(r => r.ToEntry())];
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ToggleAuditEntry>> GetHistoryPageAsync(string toggleKey, long? beforeVersion, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(toggleKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return await ReadAsync(async (connection, ct) =>
        {
            var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
                "SELECT key AS Key, action AS Action, before_value AS Before, after_value AS After, actor AS Actor, reason AS Reason, at AS At, version AS Version " +
                $"FROM ff_audit WHERE {ToggleKeysSql} AND version < @Before ORDER BY version DESC LIMIT @Limit",
                ToggleKeysParameters(toggleKey, beforeVersion ?? long.MaxValue, limit),
                cancellationToken: ct)).ConfigureAwait(false);
            return (IReadOnlyList<ToggleAuditEntry>)[.. rows.Select(r => r.ToEntry())];
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Returns the store-wide version counter: it changes with every committed write.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The last version written.</returns>
    public ValueTask<long> GetCurrentVersionAsync(CancellationToken cancellationToken = default)
        => ReadAsync(
            (connection, ct) => connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT value FROM ff_meta WHERE name = 'version'", cancellationToken: ct)),
            cancellationToken);

    /// <summary>
    /// Runs a query of <c>ff_state</c> rows (selecting <see cref="SelectState"/>'s columns) and returns the rows that can
    /// be read; each row that cannot is logged once per key (again only after it was readable in between) and skipped.
    /// </summary>
    private async Task<List<ToggleRecord>> QueryStateAsync(DbConnection connection, CommandDefinition command)
    {
        var records = new List<ToggleRecord>();
        var reader = await connection.ExecuteReaderAsync(command).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(command.CancellationToken).ConfigureAwait(false))
            {
                if (StateRowReader.TryRead(reader, out var record, out var key, out var problem))
                {
                    records.Add(record!);
                    if (!_unreadableKeys.IsEmpty)
                    {
                        _unreadableKeys.TryRemove(key, out _);
                    }
                }
                else if (_unreadableKeys.TryAdd(key, 0))
                {
                    Log.UnreadableRow(Logger, key, problem!);
                }
            }
        }

        return records;
    }

    /// <summary>
    /// Runs a read on a pooled connection once the schema is ready, retried once on a fresh connection when the pooled
    /// one turns out to be dead.
    /// </summary>
    private protected async ValueTask<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var connectionLifetime = connection.ConfigureAwait(false);
                return await read(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt == 0 && IsStaleConnection(ex))
            {
                // A pooled connection died with the server; a read is safe to repeat once on a fresh one.
            }
        }
    }
}
