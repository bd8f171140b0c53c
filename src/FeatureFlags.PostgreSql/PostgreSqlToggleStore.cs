using System.Data;
using System.Data.Common;
using System.Net.Sockets;
using Dapper;
using FeatureFlags.Sql;
using FeatureFlags.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FeatureFlags.PostgreSql;

/// <summary>
/// The shared toggle store on PostgreSQL. Each write sends a NOTIFY in its transaction carrying the changed keys, their
/// versions, the writer's <see cref="SqlToggleStore.InstanceId"/> and, where they fit in a notification, the new values;
/// every other instance LISTENs and applies them (reading back only a value too large for a notification), so a change
/// reaches all instances' caches within milliseconds. After a lost connection the
/// listener reconnects with backoff and asks its listeners to reload everything they may have missed.
/// </summary>
/// <remarks>
/// Connections: one listener (unpooled, to <see cref="PostgreSqlToggleStoreOptions.ListenConnectionString"/> when set;
/// with a <see cref="PostgreSqlToggleStoreOptions.DataSource"/> and no listen connection string, one connection of that
/// data source), plus pooled connections for reads and writes that close after being idle, so an idle instance holds
/// one connection and a busy one at most one more than the pool's <c>Max Pool Size</c>.
/// </remarks>
public sealed class PostgreSqlToggleStore : SqlToggleStore
{
    private const long SchemaLockId = 0x46_46_6C_61_67_73; // "FFlags"

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly NpgsqlDataSource? _listenDataSource;
    private readonly PostgreSqlToggleStoreOptions _options;
    private volatile byte[]? _notificationKey;
    private int _fetchingKey;
    private int _unreadableNotifications;

    /// <summary>
    /// Initializes a new instance of the <see cref="PostgreSqlToggleStore"/> class.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock for record times; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger for unreadable rows and notifications; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options or the connection strings are invalid.</exception>
    public PostgreSqlToggleStore(PostgreSqlToggleStoreOptions options, TimeProvider? timeProvider = null, ILogger<PostgreSqlToggleStore>? logger = null)
        : base(options, timeProvider, logger)
    {
        _options = options;
        _ownsDataSource = options.DataSource is null;
        _dataSource = options.DataSource ?? Build(PostgreSqlConnectionStrings.ForQueries(options), options.ConfigureDataSource, "connection string");
        if (options.DataSource is not null && options.ListenConnectionString is null)
        {
            // The listener borrows one connection of the application's data source (it cannot be rebuilt unpooled:
            // its connection string may lack the password, which a password provider supplies).
            return;
        }

        try
        {
            _listenDataSource = Build(PostgreSqlConnectionStrings.ForListening(options), options.ConfigureDataSource, "listen connection string");
        }
        catch
        {
            if (_ownsDataSource)
            {
                _dataSource.Dispose();
            }

            throw;
        }
    }

    /// <inheritdoc />
    private protected override string StartsWithPrefixSql => "starts_with(key, @Prefix)";

    /// <inheritdoc />
    private protected override string KeyInListSql => "key = ANY(@Keys)";

    /// <inheritdoc />
    // The database's collation (say en_US) need not sort by code point; "C" does, and the audit's key index uses it.
    private protected override string OrdinalKeySql => "key COLLATE \"C\"";

    /// <inheritdoc />
    // pg_tables is read with the statement's snapshot; to_regclass would consult the backend's catalog cache, which can
    // still miss a table another session committed while this one waited for the schema lock.
    private protected override string TableExistsSql => "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = @Name";

    /// <inheritdoc />
    private protected override string BigIntegerType => "BIGINT";

    /// <inheritdoc />
    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
        => await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    private protected override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
        => await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    private protected override Task LockSchemaAsync(DbTransaction transaction, CancellationToken cancellationToken)
        => transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(@Id)", new { Id = SchemaLockId }, transaction, cancellationToken: cancellationToken));

    /// <inheritdoc />
    private protected override async Task CreateProviderSchemaAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        // The notification key lives with the PostgreSQL store only (SQLite has no channel to seal). Idempotent, and run
        // on upgrades too, so a database whose schema predates the key gets one; an existing key is kept.
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS ff_secret (name TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL); " +
            "INSERT INTO ff_secret (name, value) VALUES ('notification_key', @Secret) ON CONFLICT (name) DO NOTHING;",
            new { Secret = NotificationPayload.NewKey() },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    private protected override async ValueTask BeforeWriteAsync(CancellationToken cancellationToken)
    {
        // Fetched here, before the write's transaction takes the store-wide lock, not inside it: a read on another
        // connection while holding that lock would keep every other writer waiting for it. Kept once read.
        _notificationKey ??= await ReadNotificationKeyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    private protected override async Task BeforeCommitAsync(DbTransaction transaction, IReadOnlyList<ToggleStoreChange> changes, CancellationToken cancellationToken)
    {
        // Sent on commit, in order; each carries the versions, the writer and, where they fit, the new records, sealed
        // with the database's notification key (without one: the keys alone, which listeners read back).
        foreach (var payload in NotificationPayload.Pack(changes, InstanceId, _notificationKey))
        {
            await transaction.Connection!.ExecuteAsync(new CommandDefinition(
                "SELECT pg_notify(@Channel, @Payload)", new { Channel = _options.NotificationChannel, Payload = payload }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads the database's notification key (table <c>ff_secret</c>, created with the schema), which seals change
    /// notifications so that roles that may connect but not read the toggle tables can neither read nor forge them.
    /// </summary>
    /// <returns>The key, or <see langword="null"/> when the database has none or this role may not read it.</returns>
    private async ValueTask<byte[]?> ReadNotificationKeyAsync(CancellationToken cancellationToken)
    {
        try
        {
            var text = await ReadAsync(
                (connection, ct) => connection.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT value FROM ff_secret WHERE name = 'notification_key'", cancellationToken: ct)),
                cancellationToken).ConfigureAwait(false);
            return text is null ? null : Convert.FromBase64String(text);
        }
#pragma warning disable CA1031 // No key (no table, no permission, or no schema yet) means unsealed notifications: keys only.
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <inheritdoc />
    private protected override bool IsStaleConnection(Exception exception)
    {
        var stale = exception switch
        {
            PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is "57P01" or "57P02" or "57P03",
            NpgsqlException npgsql => npgsql.InnerException is IOException or SocketException || npgsql.IsTransient,
            _ => false,
        };
        if (stale)
        {
            // Connections pooled before a server restart are all dead: drop them rather than fail on each in turn.
            _dataSource.Clear();
        }

        return stale;
    }

    /// <inheritdoc />
    private protected override async ValueTask DisposeAsyncCore()
    {
        if (_listenDataSource is not null)
        {
            await _listenDataSource.DisposeAsync().ConfigureAwait(false);
        }

        // A data source the application passed in is the application's to dispose.
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    private protected override void DisposeCore()
    {
        // The listener's own connection is unpooled: the change feed closes it as it stops, which it is now doing.
        _listenDataSource?.Dispose();
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }
    }

    /// <summary>
    /// The store's version, read after LISTEN took effect (on a pooled connection, so the listening one shows only its
    /// LISTEN to the server's monitoring); <see langword="null"/> (unknown, so listeners reload) when nothing was
    /// written yet or it cannot be read, e.g. before the schema exists.
    /// </summary>
    private async Task<long?> VersionNowAsync(CancellationToken token)
    {
        try
        {
            var version = await GetCurrentVersionAsync(token).ConfigureAwait(false);
            return version > 0 ? version : null;
        }
#pragma warning disable CA1031 // Any failure only costs the listeners a reload.
        catch (Exception) when (!token.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    private void OnNotification(string payload)
    {
        if (_notificationKey is null && NotificationPayload.IsSealed(payload))
        {
            // Sealed, but this instance has no key (the database had none when it started listening, or this role may
            // not read it): reload (listeners coalesce reloads that queue up), and fetch the key for the next ones.
            if (Interlocked.Exchange(ref _fetchingKey, 1) == 0)
            {
                _ = Task.Run(async () =>
                {
                    _notificationKey ??= await ReadNotificationKeyAsync(CancellationToken.None).ConfigureAwait(false);
                    Volatile.Write(ref _fetchingKey, 0);
                });
            }

            Publish(ToggleStoreChange.Everything());
            return;
        }

        if (!NotificationPayload.TryParse(payload, _notificationKey, out var change, out var problem))
        {
            // Anyone who may connect can NOTIFY on the channel, so nothing unreadable is acted on; it is logged, as a
            // warning once until a readable one arrives again (a flood of forgeries must not flood the log).
            var level = Interlocked.Increment(ref _unreadableNotifications) == 1 ? LogLevel.Warning : LogLevel.Debug;
            Log.UnreadableNotification(Logger, level, _options.NotificationChannel, problem);
            return;
        }

        Volatile.Write(ref _unreadableNotifications, 0);
        if (change.Writer != InstanceId)
        {
            // This instance's own writes were announced in process when they committed.
            Publish(change);
        }
    }

    private static NpgsqlDataSource Build(NpgsqlConnectionStringBuilder connection, Action<NpgsqlDataSourceBuilder>? configure, string what)
    {
        try
        {
            var builder = new NpgsqlDataSourceBuilder(connection.ConnectionString);
            configure?.Invoke(builder);
            return builder.Build();
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Invalid PostgreSQL {what}: {ex.Message}", "options", ex);
        }
    }

    /// <inheritdoc />
    private protected override async Task RunChangeFeedAsync(CancellationToken stoppingToken)
    {
        var token = stoppingToken;
        var delay = _options.ReconnectDelay;
        var failing = false;
        var reconnected = false;
        while (!token.IsCancellationRequested)
        {
            try
            {
                var connection = await (_listenDataSource ?? _dataSource).OpenConnectionAsync(token).ConfigureAwait(false);
                await using var connectionLifetime = connection.ConfigureAwait(false);
                connection.Notification += (_, e) => OnNotification(e.Payload);
                using (var listen = connection.CreateCommand())
                {
                    listen.CommandText = $"LISTEN {_options.NotificationChannel}";
                    await listen.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                }

                // Changes committed before LISTEN took effect (since the listeners' initial load, or while the
                // connection was lost) sent notifications nobody received: listeners reload everything, unless (on the
                // first connection) their load already holds the version current now.
                _notificationKey ??= await ReadNotificationKeyAsync(token).ConfigureAwait(false);
                Publish(failing || reconnected ? ToggleStoreChange.Everything() : ToggleStoreChange.Everything(await VersionNowAsync(token).ConfigureAwait(false)));
                reconnected = true;
                failing = false;
                delay = _options.ReconnectDelay;
                while (!token.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(_options.KeepAliveInterval, token).ConfigureAwait(false))
                    {
                        using var ping = connection.CreateCommand();
                        ping.CommandText = "SELECT 1";
                        await ping.ExecuteScalarAsync(token).ConfigureAwait(false);
                    }
                }
            }
#pragma warning disable CA1031 // The listener must survive any failure of the server and keep reconnecting.
            catch (Exception) when (token.IsCancellationRequested)
            {
                // Stopping: a synchronous Dispose may already have disposed the data sources under the feed.
                return;
            }
            catch (Exception)
#pragma warning restore CA1031
            {
                // Whatever cut the listener off has likely broken the pooled connections too.
                _dataSource.Clear();
                if (!failing)
                {
                    failing = true;

                    // Listeners' views may now be stale; their reads report the outage and retry until it ends.
                    Publish(ToggleStoreChange.Everything());
                }

                try
                {
                    await Task.Delay(delay, TimeProvider, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
            }
        }
    }
}
