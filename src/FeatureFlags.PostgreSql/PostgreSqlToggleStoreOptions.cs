using System.Text.RegularExpressions;
using FeatureFlags.Sql;
using Npgsql;

namespace FeatureFlags.PostgreSql;

/// <summary>
/// Options of <see cref="PostgreSqlToggleStore"/>.
/// </summary>
public sealed partial class PostgreSqlToggleStoreOptions : SqlToggleStoreOptions
{
    /// <summary>
    /// The seconds a pooled connection may stay idle before it is closed, unless the connection string sets
    /// <c>Connection Idle Lifetime</c>.
    /// </summary>
    public const int DefaultConnectionIdleLifetime = 30;

    /// <summary>
    /// The seconds between the pool's checks for idle connections, unless the connection string sets
    /// <c>Connection Pruning Interval</c>.
    /// </summary>
    public const int DefaultConnectionPruningInterval = 5;

    /// <summary>
    /// Gets or sets the Npgsql connection string of the pooled connections that read and write toggle state.
    /// </summary>
    /// <remarks>
    /// An idle instance needs none of them, so unless the connection string says otherwise the pool closes a
    /// connection once it has been idle for about <see cref="DefaultConnectionIdleLifetime"/> seconds
    /// (<c>Connection Idle Lifetime</c>), checked every <see cref="DefaultConnectionPruningInterval"/> seconds
    /// (<c>Connection Pruning Interval</c>); Npgsql's own defaults are 300 and 10. <c>Minimum Pool Size</c> keeps
    /// Npgsql's default of 0. Values set in the connection string are kept as they are. Not used when
    /// <see cref="DataSource"/> is set.
    /// </remarks>
    /// <value>The default value is an empty string: set it, or <see cref="DataSource"/>.</value>
    public override string ConnectionString { get; set; } = "";

    /// <summary>
    /// Gets or sets a data source the application built and owns, for the pooled connections that read and write toggle
    /// state, instead of one the store builds from <see cref="ConnectionString"/>: for example one with a periodic
    /// password provider, shared with the application's own queries. The store never disposes it, nor changes its pool
    /// settings. Unless <see cref="ListenConnectionString"/> is set, the listener takes one connection of this data
    /// source and holds it for as long as the store listens, so the pool has one connection fewer for everything else.
    /// </summary>
    /// <remarks>
    /// <see cref="SqlToggleStoreOptions.ReadOnly"/> cannot be combined with a data source the store did not build: the
    /// store enforces it by the sessions' <c>default_transaction_read_only</c>, which it sets in the connection strings
    /// it builds. Build the data source with <c>Options=-c default_transaction_read_only=on</c> and set
    /// <see cref="SqlToggleStoreOptions.CreateIfMissing"/> to <see langword="false"/> instead.
    /// </remarks>
    /// <value>The default value is <see langword="null"/>: the store builds its data source from <see cref="ConnectionString"/>.</value>
    public NpgsqlDataSource? DataSource { get; set; }

    /// <summary>
    /// Gets or sets a callback that adjusts each data source the store builds (from <see cref="ConnectionString"/> for
    /// queries, and from <see cref="ListenConnectionString"/> or <see cref="ConnectionString"/> for the listener) just
    /// before it is built: for example <c>builder.UsePeriodicPasswordProvider(...)</c> for a database that
    /// authenticates with short-lived tokens. The store's own settings (idle lifetimes, the listener's pooling, read-only
    /// sessions) are already on <see cref="NpgsqlDataSourceBuilder.ConnectionStringBuilder"/> when it runs.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the data sources are built from the connection strings alone.</value>
    public Action<NpgsqlDataSourceBuilder>? ConfigureDataSource { get; set; }

    /// <summary>
    /// Gets or sets the Npgsql connection string of the one connection that LISTENs for changes, when it must differ
    /// from <see cref="ConnectionString"/>: LISTEN needs a session of its own, so behind PgBouncer in transaction (or
    /// statement) mode point this directly at the PostgreSQL server and <see cref="ConnectionString"/> at PgBouncer.
    /// The listener always uses one unpooled connection, whatever the pooling settings in this connection string.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the listener uses <see cref="ConnectionString"/>.</value>
    public string? ListenConnectionString { get; set; }

    /// <summary>
    /// Gets or sets the LISTEN/NOTIFY channel every instance sharing the database uses.
    /// </summary>
    /// <value>The default value is <c>featureflags_changes</c>.</value>
    public string NotificationChannel { get; set; } = "featureflags_changes";

    /// <summary>
    /// Gets or sets the first delay before the listener reconnects after losing its connection; it doubles up to
    /// <see cref="MaxReconnectDelay"/>.
    /// </summary>
    /// <value>The default value is 100 milliseconds.</value>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Gets or sets the longest delay between reconnection attempts of the listener. The listener's reconnection is what
    /// tells an instance that the server is back (its caches reload at once), so this bounds how long an instance serves
    /// stale state after an outage; an attempt against a stopped server costs one refused connection.
    /// </summary>
    /// <value>The default value is 500 milliseconds.</value>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Gets or sets how long the listener waits for a notification before checking that its connection is alive.
    /// </summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    internal override string DatabaseName => "PostgreSQL";

    /// <inheritdoc />
    internal override bool NeedsConnectionString => DataSource is null;

    /// <inheritdoc />
    internal override void AddProblems(List<string> problems)
    {
        if (DataSource is not null && ReadOnly)
        {
            problems.Add($"{nameof(ReadOnly)} cannot be enforced on a {nameof(DataSource)} the store did not build; build it with 'Options=-c default_transaction_read_only=on' and set {nameof(CreateIfMissing)} to false instead.");
        }

        if (DataSource is not null && ListenConnectionString is null && ConfigureDataSource is not null)
        {
            problems.Add($"{nameof(ConfigureDataSource)} has nothing to adjust: the store builds no data source when {nameof(DataSource)} is set and {nameof(ListenConnectionString)} is not.");
        }

        if (ListenConnectionString is not null && string.IsNullOrWhiteSpace(ListenConnectionString))
        {
            problems.Add($"{nameof(ListenConnectionString)} must be null (use {nameof(ConnectionString)}) or not empty.");
        }

        if (string.IsNullOrEmpty(NotificationChannel) || !ChannelPattern().IsMatch(NotificationChannel))
        {
            problems.Add($"{nameof(NotificationChannel)} '{NotificationChannel}' must be a lower-case identifier of at most 63 characters.");
        }

        if (ReconnectDelay <= TimeSpan.Zero || MaxReconnectDelay < ReconnectDelay)
        {
            problems.Add($"{nameof(ReconnectDelay)} must be positive and not longer than {nameof(MaxReconnectDelay)}.");
        }

        if (KeepAliveInterval <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(KeepAliveInterval)} must be positive.");
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex ChannelPattern();
}
