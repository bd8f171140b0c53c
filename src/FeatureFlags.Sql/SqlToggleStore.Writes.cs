using System.Data.Common;
using Dapper;
using FeatureFlags.Storage;

namespace FeatureFlags.Sql;

// Writes: every change is a batch applied in one transaction, each key with its own version and audit row.
public abstract partial class SqlToggleStore
{
    /// <inheritdoc />
    public ValueTask<ToggleRecord> SetAsync(string key, string value, long expectedVersion, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
        => ToggleStoreBatch.SetAsync(this, key, value, expectedVersion, audit, cancellationToken);

    /// <inheritdoc />
    public ValueTask DeleteAsync(string key, long expectedVersion, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
        => ToggleStoreBatch.DeleteAsync(this, key, expectedVersion, audit, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ToggleRecord>> WriteBatchAsync(IReadOnlyList<ToggleStoreWrite> writes, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
    {
        ToggleStoreBatch.Validate(writes, audit);
        if (writes.Count == 0)
        {
            return [];
        }

        var changes = await WriteAsync(async (transaction, ct) =>
        {
            var connection = transaction.Connection!;
            var applied = new List<ToggleStoreChange>(writes.Count);
            foreach (var write in writes)
            {
                // The counter's row lock, taken by the first increment, serialises writers, so the read below cannot go
                // stale before the write. Each write gets its own version, which is also its audit row's key.
                var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "UPDATE ff_meta SET value = value + 1 WHERE name = 'version' RETURNING value", transaction: transaction, cancellationToken: ct)).ConfigureAwait(false);
                var current = await ReadCurrentAsync(transaction, write.Key, ct).ConfigureAwait(false);
                if ((current?.Version ?? 0) != write.ExpectedVersion || (write.IsDelete && current is null))
                {
                    throw new ToggleConflictException(write.Key, write.ExpectedVersion, current?.Version ?? 0);
                }

                // Stored with millisecond precision; truncate now so the returned record equals what is read back.
                var now = DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
                if (write.IsDelete)
                {
                    await connection.ExecuteAsync(new CommandDefinition("DELETE FROM ff_state WHERE key = @Key", new { write.Key }, transaction, cancellationToken: ct)).ConfigureAwait(false);
                    await InsertAuditAsync(transaction, write.Key, ToggleAuditAction.Deleted, current!.Value, null, audit, now, version, ct).ConfigureAwait(false);
                    applied.Add(ToggleStoreChange.Deleted(write.Key, version, InstanceId));
                }
                else
                {
                    var written = new ToggleRecord(write.Key, write.Value!, version, current?.CreatedAt ?? now, now, audit.Actor);
                    var sql = current is null
                        ? "INSERT INTO ff_state (key, value, version, created_at, modified_at, modified_by) VALUES (@Key, @Value, @Version, @CreatedAt, @ModifiedAt, @ModifiedBy)"
                        : "UPDATE ff_state SET value = @Value, version = @Version, modified_at = @ModifiedAt, modified_by = @ModifiedBy WHERE key = @Key";
                    await connection.ExecuteAsync(new CommandDefinition(sql, StateRow.From(written), transaction, cancellationToken: ct)).ConfigureAwait(false);
                    await InsertAuditAsync(transaction, write.Key, current is null ? ToggleAuditAction.Created : ToggleAuditAction.Updated, current?.Value, write.Value, audit, now, version, ct).ConfigureAwait(false);
                    applied.Add(ToggleStoreChange.Written(written, InstanceId));
                }

            }

            await BeforeCommitAsync(transaction, applied, ct).ConfigureAwait(false);
            return applied;
        }, cancellationToken).ConfigureAwait(false);

        // One announcement for the batch, so a listener applies a thousand overrides at once, not one copy each.
        if (changes.Count > 0)
        {
            Publish(ToggleStoreChange.Batch(changes));
        }

        return [.. changes.Where(c => c.Kind == ToggleStoreChangeKind.Written).Select(c => c.Record!)];
    }

    /// <summary>
    /// Returns the row a write replaces. A row that cannot be read cannot be checked against the expected version, so
    /// the write is refused rather than overwriting state nobody has seen.
    /// </summary>
    private async Task<ToggleRecord?> ReadCurrentAsync(DbTransaction transaction, string key, CancellationToken ct)
    {
        var reader = await transaction.Connection!.ExecuteReaderAsync(new CommandDefinition(SelectState + " WHERE key = @Key", new { Key = key }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                return null;
            }

            return StateRowReader.TryRead(reader, out var record, out _, out var problem)
                ? record
                : throw new ToggleException(ToggleErrorCode.Refused, $"The stored row of '{key}' cannot be read ({problem}); repair or delete it in the database before changing it.", key);
        }
    }

    private Task InsertAuditAsync(DbTransaction transaction, string key, ToggleAuditAction action, string? before, string? after, ToggleAuditInfo audit, DateTimeOffset at, long version, CancellationToken ct)
        => transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "INSERT INTO ff_audit (version, key, action, before_value, after_value, actor, reason, at, writer) VALUES (@Version, @Key, @Action, @Before, @After, @Actor, @Reason, @At, @Writer)",
            new { Version = version, Key = key, Action = action.ToString(), Before = before, After = after, audit.Actor, audit.Reason, At = at.ToUnixTimeMilliseconds(), Writer = InstanceId },
            transaction,
            cancellationToken: ct));

    private async ValueTask<T> WriteAsync<T>(Func<DbTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await BeforeWriteAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            var started = false;
            try
            {
                var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var connectionLifetime = connection.ConfigureAwait(false);
                var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
                await using var transactionLifetime = transaction.ConfigureAwait(false);
                started = true;
                var result = await write(transaction, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch (Exception ex) when (attempt == 0 && !started && IsStaleConnection(ex))
            {
                // Nothing was sent inside a transaction yet: safe to retry once on a fresh connection.
            }
        }
    }
}
