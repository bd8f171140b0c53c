using System.Collections.Concurrent;
using System.Data.Common;
using FeatureFlags.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeatureFlags.Sql;

/// <summary>
/// An <see cref="IToggleStore"/> over a relational database, with generic tables only: adding or removing a toggle
/// never needs a migration. <c>SqliteToggleStore</c> and <c>PostgreSqlToggleStore</c> supply the connection, the
/// dialect's SQL and the change feed; no other class can derive from it (its constructor and hooks are
/// <see langword="private protected"/>), so its hooks can change between versions without breaking anyone.
/// </summary>
/// <remarks>
/// <para>Tables: <c>ff_state</c> (key, JSON value, version, times, last actor), <c>ff_audit</c> (one row per write, keyed by
/// the write's version) and <c>ff_meta</c> (schema version and the store-wide version counter).</para>
/// <para>Every write takes the version counter's row lock first, so writes are serialised, a version is never reused,
/// and versions commit in order; the audit row is inserted in the same transaction as the change.</para>
/// </remarks>
public abstract partial class SqlToggleStore : IToggleStore, IAsyncDisposable, IDisposable
{
    /// <summary>The schema version this library creates and reads.</summary>
    public const int SchemaVersion = 2;

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
    private readonly SqlToggleStoreOptions _options;

    /// <summary>
    /// Initializes a new instance of the <see cref="SqlToggleStore"/> class with its validated options. Only the
    /// stores of this package family (SQLite, PostgreSQL) derive from this class: its constructor and hooks are not
    /// visible outside them (see docs/DESIGN-NOTES.md, "Extension points").
    /// </summary>
    /// <param name="options">The options; they decide whether the schema is created (<see cref="CreatesSchema"/>).</param>
    /// <param name="timeProvider">The clock for record and audit times.</param>
    /// <param name="logger">The logger for rows that cannot be read and for faults of the database; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    private protected SqlToggleStore(SqlToggleStoreOptions options, TimeProvider? timeProvider, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        TimeProvider = timeProvider ?? TimeProvider.System;
        Logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Gets the clock for record and audit times.</summary>
    private protected TimeProvider TimeProvider { get; }

    /// <summary>
    /// Gets the id of this store instance, new each time one is created. Every write records it (in the audit row and
    /// in the notification), so the change feed can skip this instance's own writes: they were announced in process
    /// when they committed.
    /// </summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Gets the logger.</summary>
    private protected ILogger Logger { get; }

    /// <summary>Gets the SQL expression that is true when column <c>key</c> starts with parameter <c>@Prefix</c>.</summary>
    private protected abstract string StartsWithPrefixSql { get; }

    /// <summary>Gets the SQL expression that is true when column <c>key</c> is one of the array parameter <c>@Keys</c>.</summary>
    private protected virtual string KeyInListSql => "key IN @Keys";

    /// <summary>
    /// Gets column <c>key</c> compared ordinally (by code point), as the audit's key index orders it, so that a key range
    /// selects exactly the keys between its ends whatever the database's collation.
    /// </summary>
    private protected virtual string OrdinalKeySql => "key";

    /// <summary>Gets a query returning 1 when the table named by parameter <c>@Name</c> exists, without failing when it does not.</summary>
    private protected abstract string TableExistsSql { get; }

    /// <summary>
    /// Gets the clause that orders a list of <c>ff_state</c> rows by key, or an empty string where the database reads
    /// the table faster unordered (the store then sorts the rows itself).
    /// </summary>
    internal virtual string OrderByKeySql => " ORDER BY key";

    /// <summary>Gets the dialect's name for a 64-bit integer column type.</summary>
    private protected abstract string BigIntegerType { get; }

    /// <summary>Gets the SQL that creates the shared schema idempotently (tables and indexes only); one layout for every dialect.</summary>
    private protected virtual string CreateSchemaSql => $"""
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
            at {BigIntegerType} NOT NULL,
            writer TEXT NULL);
        CREATE INDEX IF NOT EXISTS ix_ff_audit_key ON ff_audit (key);
        CREATE INDEX IF NOT EXISTS ix_ff_audit_key_at ON ff_audit ({OrdinalKeySql}, at);
        """;

    /// <summary>
    /// Opens a new connection.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel the open.</param>
    /// <returns>The open connection.</returns>
    private protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Begins the transaction of a write or a schema change; it must take locks so that concurrent writers serialise.
    /// </summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The transaction.</returns>
    private protected abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the lock that keeps two processes from creating or upgrading the schema at once, inside <paramref name="transaction"/>.
    /// </summary>
    /// <param name="transaction">The schema transaction.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>A task that completes when the lock is held.</returns>
    private protected virtual Task LockSchemaAsync(DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs after a batch's rows are in place and before commit, for example to queue notifications that are sent on commit.
    /// </summary>
    /// <param name="transaction">The write's transaction.</param>
    /// <param name="changes">The batch's changes, in order, each with its version and this instance as writer.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>A task that completes when done.</returns>
    private protected virtual Task BeforeCommitAsync(DbTransaction transaction, IReadOnlyList<ToggleStoreChange> changes, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs before a write opens its connection and transaction, so that what a write needs from elsewhere (say, a key
    /// read from the database) is fetched without holding the store-wide write lock that the transaction takes.
    /// </summary>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>A task that completes when done.</returns>
    private protected virtual ValueTask BeforeWriteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Creates the tables and rows only this database's store uses (PostgreSQL's <c>ff_secret</c>), idempotently,
    /// inside the schema transaction, after the shared schema (<see cref="CreateSchemaSql"/>) and its upgrade steps.
    /// Runs whenever the schema is created or upgraded.
    /// </summary>
    /// <param name="transaction">The schema transaction.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>A task that completes when done.</returns>
    private protected virtual Task CreateProviderSchemaAsync(DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs the change feed that reports changes made by other processes, until <paramref name="stoppingToken"/> is
    /// cancelled. Started once, on a pool thread, when the first observer subscribes. It must survive database failures.
    /// </summary>
    /// <param name="stoppingToken">Cancelled when the store is disposed.</param>
    /// <returns>A task that completes when the feed stops.</returns>
    private protected abstract Task RunChangeFeedAsync(CancellationToken stoppingToken);

    /// <summary>
    /// Returns whether an exception means the connection was lost before any work was done, so the read or write may be retried once.
    /// </summary>
    /// <param name="exception">The exception.</param>
    /// <returns><see langword="true"/> to retry on a fresh connection.</returns>
    private protected virtual bool IsStaleConnection(Exception exception) => false;

    /// <summary>
    /// Gets a value indicating whether the store creates the schema when the database has none. When
    /// <see langword="false"/>, a database without the current schema is reported with
    /// <see cref="ToggleStoreUnavailableException"/> and left as it is, so a read-only tool never turns an arbitrary
    /// database into a toggle store.
    /// </summary>
    /// <value>What the options say: <see cref="SqlToggleStoreOptions.CreateIfMissing"/> and not
    /// <see cref="SqlToggleStoreOptions.ReadOnly"/>.</value>
    private protected bool CreatesSchema => _options.CreatesSchema;

    /// <summary>Gets a value indicating whether the store has been disposed.</summary>
    private protected bool IsDisposed => Volatile.Read(ref _disposed) != 0;

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
    /// background work (which could starve the thread pool), then releases the derived store's resources
    /// (<see cref="DisposeCore"/>). Prefer <see cref="DisposeAsync"/> where possible.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            DisposeCore();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Releases resources of the derived store once the change feed has stopped.
    /// </summary>
    /// <returns>A task that completes when done.</returns>
    private protected virtual ValueTask DisposeAsyncCore() => ValueTask.CompletedTask;

    /// <summary>
    /// Releases resources of the derived store from <see cref="Dispose"/>, right after the change feed was told to
    /// stop and possibly before it has: the feed must tolerate them going away once its token is cancelled.
    /// </summary>
    private protected virtual void DisposeCore()
    {
    }
}
