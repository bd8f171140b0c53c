using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using FeatureFlags.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeatureFlags.Sql;

/// <summary>
/// An <see cref="IToggleStore"/> over a relational database, with generic tables only: adding or removing a toggle
/// never needs a migration. Derived classes supply the connection, the dialect's SQL and the change feed.
/// </summary>
/// <remarks>
/// <para>Tables: <c>ff_state</c> (key, JSON value, version, times, last actor), <c>ff_audit</c> (one row per write, keyed by
/// the write's version) and <c>ff_meta</c> (schema version and the store-wide version counter).</para>
/// <para>Every write takes the version counter's row lock first, so writes are serialised, a version is never reused,
/// and versions commit in order; the audit row is inserted in the same transaction as the change.</para>
/// </remarks>
public abstract class SqlToggleStore : IToggleStore, IAsyncDisposable, IDisposable
{
    /// <summary>The schema version this library creates and reads.</summary>
    public const int SchemaVersion = 1;

    private const int ReadBatchSize = 500;
    private const string SelectState = "SELECT " + StateRowReader.Columns + " FROM ff_state";

    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly Lock _observersLock = new();
    private Action<ToggleStoreChange>[] _observers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, byte> _unreadableKeys = new(StringComparer.Ordinal);
    private Task? _changeFeed;
    private volatile bool _schemaReady;
    private int _disposed;

    /// <summary>
    /// Initializes a new instance of the <see cref="SqlToggleStore"/> class.
    /// </summary>
    /// <param name="timeProvider">The clock for record and audit times.</param>
    protected SqlToggleStore(TimeProvider? timeProvider)
        : this(timeProvider, null)
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="SqlToggleStore"/> class.
    /// </summary>
    /// <param name="timeProvider">The clock for record and audit times.</param>
    /// <param name="logger">The logger for rows that cannot be read and for faults of the database; none when <see langword="null"/>.</param>
    protected SqlToggleStore(TimeProvider? timeProvider, ILogger? logger)
    {
        TimeProvider = timeProvider ?? TimeProvider.System;
        Logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Gets the clock for record and audit times.</summary>
    protected TimeProvider TimeProvider { get; }

    /// <summary>Gets the logger.</summary>
    protected ILogger Logger { get; }

    /// <summary>Gets the SQL expression that is true when column <c>key</c> starts with parameter <c>@Prefix</c>.</summary>
    protected abstract string StartsWithPrefixSql { get; }

    /// <summary>Gets the SQL expression that is true when column <c>key</c> is one of the array parameter <c>@Keys</c>.</summary>
    protected virtual string KeyInListSql => "key IN @Keys";

    /// <summary>Gets a query returning 1 when the table named by parameter <c>@Name</c> exists, without failing when it does not.</summary>
    protected abstract string TableExistsSql { get; }

    /// <summary>Gets the dialect's name for a 64-bit integer column type.</summary>
    protected abstract string BigIntegerType { get; }

    /// <summary>Gets the SQL that creates the schema idempotently (tables and indexes only); one layout for every dialect.</summary>
    protected virtual string CreateSchemaSql => $"""
        CREATE TABLE IF NOT EXISTS ff_meta (name TEXT NOT NULL PRIMARY KEY, value {BigIntegerType} NOT NULL);
        CREATE TABLE IF NOT EXISTS ff_state (
            key TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL,
            version {BigIntegerType} NOT NULL,
            created_at {BigIntegerType} NOT NULL,
            modified_at {BigIntegerType} NOT NULL,
            modified_by TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS ff_audit (
            version {BigIntegerType} NOT NULL PRIMARY KEY,
            key TEXT NOT NULL,
            action TEXT NOT NULL,
            before_value TEXT NULL,
            after_value TEXT NULL,
            actor TEXT NOT NULL,
            reason TEXT NULL,
            at {BigIntegerType} NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_ff_audit_key ON ff_audit (key);
        """;

    /// <summary>
    /// Opens a new connection.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the open.</param>
    /// <returns>The open connection.</returns>
    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Begins the transaction of a write or a schema change; it must take locks so that concurrent writers serialise.
    /// </summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The transaction.</returns>
    protected abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the lock that keeps two processes from creating or upgrading the schema at once, inside <paramref name="transaction"/>.
    /// </summary>
    /// <param name="transaction">The schema transaction.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>A task that completes when the lock is held.</returns>
    protected virtual Task LockSchemaAsync(DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs after a write's rows are in place and before commit, for example to queue a notification that is sent on commit.
    /// </summary>
    /// <param name="transaction">The write's transaction.</param>
    /// <param name="key">The changed key.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>A task that completes when done.</returns>
    protected virtual Task BeforeCommitAsync(DbTransaction transaction, string key, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs the change feed that reports changes made by other processes, until <paramref name="stoppingToken"/> is
    /// cancelled. Started once, on a pool thread, when the first observer subscribes. It must survive database failures.
    /// </summary>
    /// <param name="stoppingToken">Cancelled when the store is disposed.</param>
    /// <returns>A task that completes when the feed stops.</returns>
    protected abstract Task RunChangeFeedAsync(CancellationToken stoppingToken);

    /// <summary>
    /// Returns whether an exception means the connection was lost before any work was done, so the read or write may be retried once.
    /// </summary>
    /// <param name="exception">The exception.</param>
    /// <returns><see langword="true"/> to retry on a fresh connection.</returns>
    protected virtual bool IsStaleConnection(Exception exception) => false;

    /// <summary>
    /// Gets a value indicating whether the store creates the schema when the database has none. When
    /// <see langword="false"/>, a database without the current schema is reported with
    /// <see cref="ToggleStoreUnavailableException"/> and left as it is, so a read-only tool never turns an arbitrary
    /// database into a toggle store.
    /// </summary>
    protected virtual bool CreatesSchema => true;

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
        var where = prefix.Length == 0 ? string.Empty : $" WHERE {StartsWithPrefixSql}";
        return await ReadAsync(async (connection, ct) =>
        {
            var rows = await QueryStateAsync(connection, new CommandDefinition(SelectState + where, new { Prefix = prefix }, cancellationToken: ct)).ConfigureAwait(false);
            return (IReadOnlyList<ToggleRecord>)[.. rows.OrderBy(r => r.Key, StringComparer.Ordinal)];
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
                $"FROM ff_audit WHERE key = @Key OR {StartsWithPrefixSql} ORDER BY version",
                new { Key = toggleKey, Prefix = ToggleKeys.OverridePrefix(toggleKey) },
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
                $"FROM ff_audit WHERE (key = @Key OR {StartsWithPrefixSql}) AND version < @Before ORDER BY version DESC LIMIT @Limit",
                new { Key = toggleKey, Prefix = ToggleKeys.OverridePrefix(toggleKey), Before = beforeVersion ?? long.MaxValue, Limit = limit },
                cancellationToken: ct)).ConfigureAwait(false);
            return (IReadOnlyList<ToggleAuditEntry>)[.. rows.Select(r => r.ToEntry())];
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<ToggleRecord> SetAsync(string key, string value, long expectedVersion, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        var written = await WriteBatchAsync([new ToggleStoreWrite(key, value, expectedVersion)], audit, cancellationToken).ConfigureAwait(false);
        return written[0];
    }

    /// <inheritdoc />
    public async ValueTask DeleteAsync(string key, long expectedVersion, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
        => await WriteBatchAsync([new ToggleStoreWrite(key, null, expectedVersion)], audit, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ToggleRecord>> WriteBatchAsync(IReadOnlyList<ToggleStoreWrite> writes, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
    {
        ValidateBatch(writes, audit);
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
                    applied.Add(ToggleStoreChange.Deleted(write.Key, version));
                }
                else
                {
                    var written = new ToggleRecord(write.Key, write.Value!, version, current?.CreatedAt ?? now, now, audit.Actor);
                    var sql = current is null
                        ? "INSERT INTO ff_state (key, value, version, created_at, modified_at, modified_by) VALUES (@Key, @Value, @Version, @CreatedAt, @ModifiedAt, @ModifiedBy)"
                        : "UPDATE ff_state SET value = @Value, version = @Version, modified_at = @ModifiedAt, modified_by = @ModifiedBy WHERE key = @Key";
                    await connection.ExecuteAsync(new CommandDefinition(sql, StateRow.From(written), transaction, cancellationToken: ct)).ConfigureAwait(false);
                    await InsertAuditAsync(transaction, write.Key, current is null ? ToggleAuditAction.Created : ToggleAuditAction.Updated, current?.Value, write.Value, audit, now, version, ct).ConfigureAwait(false);
                    applied.Add(ToggleStoreChange.Written(written));
                }

                await BeforeCommitAsync(transaction, write.Key, ct).ConfigureAwait(false);
            }

            return applied;
        }, cancellationToken).ConfigureAwait(false);

        // One announcement for the batch, so a listener applies a thousand overrides at once, not one copy each.
        if (changes.Count > 0)
        {
            Publish(ToggleStoreChange.Batch(changes));
        }

        return [.. changes.Where(c => c.Record is not null).Select(c => c.Record!)];
    }

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
    /// Creates or upgrades the schema if needed. Safe to call from several processes at once; later calls return at once.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>A task that completes when the schema is ready.</returns>
    public async ValueTask EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionLifetime = connection.ConfigureAwait(false);

            // Check first, without locks: DDL on an existing schema (even IF NOT EXISTS) takes table locks that
            // can deadlock with another instance's writes.
            if (await IsSchemaCurrentAsync(connection, null, cancellationToken).ConfigureAwait(false))
            {
                _schemaReady = true;
                return;
            }

            if (!CreatesSchema)
            {
                throw new ToggleStoreUnavailableException(
                    $"The database has no FeatureFlags toggle schema (version {SchemaVersion}), and this store does not create one; nothing was changed.");
            }

            var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await using var transactionLifetime = transaction.ConfigureAwait(false);
            await LockSchemaAsync(transaction, cancellationToken).ConfigureAwait(false);
            if (await IsSchemaCurrentAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                _schemaReady = true;
                return;
            }

            await connection.ExecuteAsync(new CommandDefinition(CreateSchemaSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO ff_meta (name, value) VALUES ('schema_version', @Schema) ON CONFLICT (name) DO NOTHING; " +
                "INSERT INTO ff_meta (name, value) VALUES ('version', 0) ON CONFLICT (name) DO NOTHING;",
                new { Schema = SchemaVersion },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            var stored = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT value FROM ff_meta WHERE name = 'schema_version'", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (stored > SchemaVersion)
            {
                throw new InvalidOperationException(
                    $"The toggle database has schema version {stored}; this version of FeatureFlags supports up to {SchemaVersion}. Upgrade the library.");
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    /// <summary>
    /// Makes the next read or write check the schema again, for example because the database was replaced by another.
    /// </summary>
    protected void ForgetSchema() => _schemaReady = false;

    private async Task<bool> IsSchemaCurrentAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var exists = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(TableExistsSql, new { Name = "ff_meta" }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (exists is not 1)
        {
            return false;
        }

        var stored = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT value FROM ff_meta WHERE name = 'schema_version'", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (stored > SchemaVersion)
        {
            throw new InvalidOperationException(
                $"The toggle database has schema version {stored}; this version of FeatureFlags supports up to {SchemaVersion}. Upgrade the library.");
        }

        return stored == SchemaVersion;
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
    /// Returns the keys written or deleted after <paramref name="version"/>, with the newest version seen.
    /// </summary>
    /// <param name="version">The last version already known.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The changed keys and the newest version.</returns>
    protected ValueTask<(IReadOnlyList<string> Keys, long Version)> GetChangesSinceAsync(long version, CancellationToken cancellationToken)
        => ReadAsync(async (connection, ct) =>
        {
            var rows = (await connection.QueryAsync<(string Key, long Version)>(new CommandDefinition(
                "SELECT key, version FROM ff_audit WHERE version > @Version ORDER BY version", new { Version = version }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
            IReadOnlyList<string> keys = [.. rows.Select(r => r.Key).Distinct(StringComparer.Ordinal)];
            return (keys, rows.Count == 0 ? version : rows[^1].Version);
        }, cancellationToken);

    /// <summary>
    /// Sends a change to every observer. Observer exceptions are swallowed so one observer cannot break the feed.
    /// </summary>
    /// <param name="change">The change.</param>
    protected void Publish(ToggleStoreChange change)
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

    /// <summary>Gets a value indicating whether the store has been disposed.</summary>
    protected bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            if (_changeFeed is not null)
            {
                try
                {
                    await _changeFeed.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopped.
                }
            }

            await DisposeAsyncCore().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Stops the change feed without waiting for it, so disposing from synchronous code never blocks a thread on
    /// background work (which could starve the thread pool). Prefer <see cref="DisposeAsync"/> where possible.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Releases resources of the derived store once the change feed has stopped.
    /// </summary>
    /// <returns>A task that completes when done.</returns>
    protected virtual ValueTask DisposeAsyncCore() => ValueTask.CompletedTask;

    private static void ValidateBatch(IReadOnlyList<ToggleStoreWrite> writes, ToggleAuditInfo audit)
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

    private static Task InsertAuditAsync(DbTransaction transaction, string key, ToggleAuditAction action, string? before, string? after, ToggleAuditInfo audit, DateTimeOffset at, long version, CancellationToken ct)
        => transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "INSERT INTO ff_audit (version, key, action, before_value, after_value, actor, reason, at) VALUES (@Version, @Key, @Action, @Before, @After, @Actor, @Reason, @At)",
            new { Version = version, Key = key, Action = action.ToString(), Before = before, After = after, audit.Actor, audit.Reason, At = at.ToUnixTimeMilliseconds() },
            transaction,
            cancellationToken: ct));

    private async ValueTask<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
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

    private async ValueTask<T> WriteAsync<T>(Func<DbTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
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
