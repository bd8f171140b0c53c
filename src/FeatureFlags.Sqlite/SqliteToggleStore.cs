using System.Data.Common;
using System.Globalization;
using FeatureFlags.Sql;
using FeatureFlags.Storage;
using Microsoft.Data.Sqlite;

namespace FeatureFlags.Sqlite;

/// <summary>
/// The embedded toggle store: one SQLite file in WAL mode. Changes made through this instance are announced at once;
/// changes made by other processes on the same file are found by polling the store-wide version counter.
/// </summary>
public sealed class SqliteToggleStore : SqlToggleStore
{
    private readonly string _connectionString;
    private readonly SqliteToggleStoreOptions _options;
    private readonly SemaphoreSlim _walGate = new(1, 1);
    private volatile bool _walSet;

    /// <summary>
    /// Initializes a new instance of the <see cref="SqliteToggleStore"/> class.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock for record times and polling; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public SqliteToggleStore(SqliteToggleStoreOptions options, TimeProvider? timeProvider = null)
        : base(timeProvider)
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
        _connectionString = builder.ToString();
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
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
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
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
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
                if (failing || last is null || current < last)
                {
                    // First look (a change may have landed between the listeners' initial load and now), recovery after
                    // a failure, or a replaced file: everything may have changed.
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
}
