using System.Data.Common;
using System.Globalization;
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
public sealed class SqliteToggleStore : SqlToggleStore
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
        : base(timeProvider, logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
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
    protected override string StartsWithPrefixSql => "substr(key, 1, length(@Prefix)) = @Prefix";

    /// <inheritdoc />
    protected override string TableExistsSql => "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @Name";

    /// <inheritdoc />
    protected override string BigIntegerType => "INTEGER";

    /// <inheritdoc />
    protected override bool CreatesSchema => _options.CreateIfMissing && !_options.ReadOnly;

    /// <inheritdoc />
    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
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

    /// <inheritdoc />
    protected override Task BeforeCommitAsync(DbTransaction transaction, string key, CancellationToken cancellationToken)
    {
        // The write lock is held, but deleting or renaming a file takes no lock: the write commits only if the file
        // it is in is still the database, so it cannot vanish with a file that nobody will open again.
        if (_path is not null && CheckFile() != FileCheck.Same)
        {
            throw new ToggleStoreUnavailableException($"The SQLite toggle database '{_path}' was deleted or replaced during the write; nothing was written.");
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Opens a connection (pooled, or new) and returns it if it reaches the file now at the path; returns
    /// <see langword="null"/> if the file was replaced (the pool is then dropped); throws if the file is missing.
    /// </summary>
    private async Task<SqliteConnection?> OpenCheckedAsync(CancellationToken cancellationToken)
    {
        // Checked before opening, so that the old file is let go of before any connection opens the new one: SQLite
        // finds a database's WAL by its name, and the old file's WAL must be emptied first (see LetGoLocked), or its
        // pages would be read into the new database.
        if (_path is not null && CheckFile() == FileCheck.Missing)
        {
            throw Missing(null);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException ex) when (_path is not null && ex.SqliteErrorCode == CannotOpen && CheckFile() == FileCheck.Missing)
            {
                throw Missing(ex);
            }

            // And after: a pooled connection may hold a file deleted since the first check, and a new connection may
            // have opened a file that took the place of the checked one in between.
            switch (_path is null ? FileCheck.Same : CheckFile())
            {
                case FileCheck.Missing:
                    throw Missing(null);
                case FileCheck.Replaced:
                    await connection.DisposeAsync().ConfigureAwait(false);
                    return null;
            }

            using (var command = connection.CreateCommand())
            {
                command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(int)_options.BusyTimeout.TotalMilliseconds};");
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // Switching the journal mode writes the file's header, so a store that may not create (or only reads)
            // leaves the file's journal mode as it is; files this store created are in WAL mode already.
            if (!_walSet && CreatesSchema)
            {
                await EnableWalAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Compares the file at the path with the one this store's connections were opened on, and acts on a difference:
    /// the old file is let go (see <see cref="LetGoLocked"/>); a missing file is logged once; a file in its place
    /// becomes the database, and the change feed is told to have everything reloaded from it.
    /// </summary>
    private FileCheck CheckFile()
    {
        var current = SqliteFileIdentity.Of(_path!);
        lock (_fileLock)
        {
            if (current is not null && current == _file && _keeper is not null)
            {
                return FileCheck.Same;
            }

            var first = _file is null;
            LetGoLocked();
            SqliteConnection? keeper = null;
            try
            {
                if (current is not null)
                {
                    keeper = new SqliteConnection(_keeperConnectionString);
                    keeper.Open();

                    // In WAL mode and reading once now, while the file is there: a connection that has not read the
                    // file since it was deleted cannot start doing so (SQLite reports an I/O error), and one that does
                    // not know the file is in WAL mode does not checkpoint it.
                    using var read = keeper.CreateCommand();
                    // A store that may not create leaves the journal mode alone: switching it writes the file's
                    // header. A file in WAL mode says so in its header, which the read below picks up.
                    var wal = CreatesSchema ? "PRAGMA journal_mode = WAL; " : string.Empty;
                    read.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(int)_options.BusyTimeout.TotalMilliseconds}; {wal}SELECT count(*) FROM sqlite_master;");
                    read.ExecuteScalar();
                }
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == CannotOpen)
            {
                // Gone again since it was identified.
                keeper?.Dispose();
                keeper = null;
            }

            // The keeper must hold the file that was identified, not one that took its place in between.
            if (keeper is null || SqliteFileIdentity.Of(_path!) != current)
            {
                keeper?.Dispose();
                if (!_fileMissing)
                {
                    _fileMissing = true;
                    Log.SqliteFileMissing(Logger, _path!);
                }

                return FileCheck.Missing;
            }

            _keeper = keeper;
            _fileMissing = false;
            if (first)
            {
                _file = current;
                _fileSeen = true;
                return FileCheck.Same;
            }

            if (_file != current)
            {
                Log.SqliteFileReplaced(Logger, _path!);
            }

            // Back after missing, or replaced: the file may hold anything, so it is treated as new either way.
            _file = current;
            _walSet = false;
            ForgetSchema();
            Interlocked.Exchange(ref _fileReplaced, 1);
            return FileCheck.Replaced;
        }
    }

    /// <summary>
    /// Lets go of the file the store's connections hold, once it was deleted or replaced. SQLite finds a database's
    /// WAL by name and replays it into whatever database file is at that name when it is next opened; it checkpoints
    /// and removes the WAL when the last connection closes, but not for a file that was moved or deleted. So before
    /// the connections close, the keeper checkpoints the old file's WAL into the old file and truncates it, leaving
    /// nothing that could be replayed into a restored backup. Then the pool is dropped.
    /// </summary>
    private void LetGoLocked()
    {
        if (_keeper is null)
        {
            return;
        }

        try
        {
            using var checkpoint = _keeper.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
#pragma warning disable CA1031 // Best effort: the file is gone either way, and the pool must still be dropped.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        _keeper.Dispose();
        _keeper = null;
        ClearPool();
    }

    private ToggleStoreUnavailableException Missing(Exception? cause)
        => new($"The SQLite toggle database '{_path}' is missing (deleted or moved while in use); nothing was read or written.", cause);

    private void ClearPool() => SqliteConnection.ClearPool(new SqliteConnection(_connectionString));

    /// <summary>
    /// Returns the full path of the database file, or <see langword="null"/> for an in-memory database or a URI file
    /// name, which are not watched.
    /// </summary>
    private static string? FilePath(SqliteConnectionStringBuilder builder)
    {
        const string DataDirectory = "|DataDirectory|";
        var source = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || source.Length == 0 || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // Resolved as Microsoft.Data.Sqlite resolves it.
        if (source.StartsWith(DataDirectory, StringComparison.OrdinalIgnoreCase))
        {
            var folder = AppDomain.CurrentDomain.GetData("DataDirectory") as string ?? AppContext.BaseDirectory;
            source = Path.Join(folder, source[DataDirectory.Length..]);
        }

        return Path.GetFullPath(source);
    }

    /// <inheritdoc />
    protected override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Not deferred: BEGIN IMMEDIATE takes the write lock up front, so concurrent writers queue on busy_timeout
        // instead of failing when they upgrade a read lock.
        return await Task.FromResult(((SqliteConnection)connection).BeginTransaction(deferred: false)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override ValueTask DisposeAsyncCore()
    {
        lock (_fileLock)
        {
            _keeper?.Dispose();
            _keeper = null;
        }

        ClearPool();
        return ValueTask.CompletedTask;
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

    /// <inheritdoc />
    protected override async Task RunChangeFeedAsync(CancellationToken stoppingToken)
    {
        var token = stoppingToken;
        long? last = null;
        var failing = false;
        using var timer = new PeriodicTimer(_options.PollInterval, TimeProvider);
        do
        {
            try
            {
                var current = await GetCurrentVersionAsync(token).ConfigureAwait(false);
                var replaced = Interlocked.Exchange(ref _fileReplaced, 0) == 1;
                if (failing || replaced || last is null || current < last)
                {
                    // First look (a change may have landed between the listeners' initial load and now), recovery after
                    // a failure (the file was missing, or locked), or a replaced file: everything may have changed.
                    Publish(ToggleStoreChange.Everything);
                    last = current;
                    failing = false;
                    continue;
                }

                if (current != last)
                {
                    var (keys, newest) = await GetChangesSinceAsync(last.Value, token).ConfigureAwait(false);
                    foreach (var key in keys)
                    {
                        Publish(ToggleStoreChange.Changed(key));
                    }

                    last = newest;
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The poller must survive any failure of the database and keep trying.
            catch (Exception)
#pragma warning restore CA1031
            {
                if (!failing)
                {
                    // Tell listeners their view may be stale; their own reads then report the outage.
                    failing = true;
                    last ??= 0;
                    Publish(ToggleStoreChange.Everything);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false));
    }

    private enum FileCheck
    {
        Same,
        Missing,
        Replaced,
    }
}
