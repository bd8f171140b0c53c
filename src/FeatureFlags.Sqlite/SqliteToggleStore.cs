using System.Data.Common;
using FeatureFlags.Sql;
using FeatureFlags.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace FeatureFlags.Sqlite;

/// <summary>
/// The embedded toggle store: one SQLite file in WAL mode. Changes made through this instance are announced at once;
/// changes made by other processes on the same file are found by polling the store-wide version counter.
/// </summary>
/// <remarks>
/// The file is created on first use. After that the store only opens the file that is there: while it is missing,
/// reads and writes throw <see cref="ToggleStoreUnavailableException"/> (a write never lands in a deleted file that
/// pooled connections still hold), and when another file takes its place (a restored backup) the store drops its
/// pooled connections and asks its listeners to reload everything from the new file.
/// </remarks>
public sealed partial class SqliteToggleStore : SqlToggleStore
{
    private const int CannotOpen = 14; // SQLITE_CANTOPEN

    private readonly string _connectionString;
    private readonly string? _createConnectionString;
    private readonly string _keeperConnectionString;
    private readonly string? _path;
    private readonly SqliteToggleStoreOptions _options;
    private readonly SemaphoreSlim _walGate = new(1, 1);
    private readonly Lock _fileLock = new();
    private SqliteFileIdentity? _file;
    private SqliteConnection? _keeper;
    private volatile bool _fileSeen;
    private bool _fileMissing;
    private int _fileReplaced;
    private volatile bool _walSet;

    /// <summary>
    /// Initializes a new instance of the <see cref="SqliteToggleStore"/> class.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock for record times and polling; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger for a missing or replaced file and unreadable rows; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public SqliteToggleStore(SqliteToggleStoreOptions options, TimeProvider? timeProvider = null, ILogger<SqliteToggleStore>? logger = null)
        : base(options, timeProvider, logger)
    {
        _options = options;
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Invalid SQLite connection string: {ex.Message}", nameof(options), ex);
        }

        builder.Pooling = true;
        if (options.ReadOnly && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.Mode = SqliteOpenMode.ReadOnly;
        }
        else if (!options.CreateIfMissing && builder.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            builder.Mode = SqliteOpenMode.ReadWrite;
        }

        builder.DefaultTimeout = Math.Max(1, (int)options.BusyTimeout.TotalSeconds);
        _path = FilePath(builder);
        if (_path is not null && builder.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            // Created once, by a separate connection, if missing at first use; every pooled connection opens the file
            // only if it exists, so SQLite never quietly creates an empty database where a deleted one was.
            _createConnectionString = new SqliteConnectionStringBuilder(builder.ToString()) { Pooling = false }.ToString();
            builder.Mode = SqliteOpenMode.ReadWrite;
        }

        _connectionString = builder.ToString();
        _keeperConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString();
    }

    /// <inheritdoc />
    private protected override string StartsWithPrefixSql => "substr(key, 1, length(@Prefix)) = @Prefix";

    /// <inheritdoc />
    private protected override string TableExistsSql => "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @Name";

    /// <inheritdoc />
    private protected override string BigIntegerType => "INTEGER";

    /// <inheritdoc />
    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (_createConnectionString is not null && !_fileSeen && SqliteFileIdentity.Of(_path!) is null)
        {
            var create = new SqliteConnection(_createConnectionString);
            await using (create.ConfigureAwait(false))
            {
                await create.OpenAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        // Twice at most: a connection to a replaced file is dropped and one to the new file opened.
        for (var attempt = 0; ; attempt++)
        {
            var connection = await OpenCheckedAsync(cancellationToken).ConfigureAwait(false);
            if (connection is not null)
            {
                return connection;
            }

            if (attempt > 0)
            {
                throw new ToggleStoreUnavailableException($"The SQLite toggle database '{_path}' is being replaced; try again.");
            }
        }
    }

    // A table scan in row order beats walking the key index and looking up each row (about twice as fast for 110,000
    // rows); the base class then sorts what is out of order.
    internal override string OrderByKeySql => string.Empty;

    /// <inheritdoc />
    private protected override Task BeforeCommitAsync(DbTransaction transaction, IReadOnlyList<ToggleStoreChange> changes, CancellationToken cancellationToken)
    {
        // The write lock is held, but deleting or renaming a file takes no lock: the write commits only if the file
        // it is in is still the database, so it cannot vanish with a file that nobody will open again.
        if (_path is not null && CheckFile() != FileCheck.Same)
        {
            throw new ToggleStoreUnavailableException($"The SQLite toggle database '{_path}' was deleted or replaced during the write; nothing was written.");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    private protected override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Not deferred: BEGIN IMMEDIATE takes the write lock up front, so concurrent writers queue on busy_timeout
        // instead of failing when they upgrade a read lock.
        return await Task.FromResult(((SqliteConnection)connection).BeginTransaction(deferred: false)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    private protected override ValueTask DisposeAsyncCore()
    {
        CloseConnections();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    private protected override void DisposeCore() => CloseConnections();

    /// <summary>Closes the connection that keeps the file's WAL and the pooled connections: nothing stays open.</summary>
    private void CloseConnections()
    {
        lock (_fileLock)
        {
            _keeper?.Dispose();
            _keeper = null;
        }

        ClearPool();
    }

    private async Task EnableWalAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _walGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_walSet)
            {
                return;
            }

            // Persistent in the file; lets readers in other processes work while one process writes.
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _walSet = true;
        }
        finally
        {
            _walGate.Release();
        }
    }

    private enum FileCheck
    {
        Same,
        Missing,
        Replaced,
    }
}
