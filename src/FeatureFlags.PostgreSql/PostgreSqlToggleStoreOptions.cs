using System.Text.RegularExpressions;

namespace FeatureFlags.PostgreSql;

/// <summary>
/// Options of <see cref="PostgreSqlToggleStore"/>.
/// </summary>
public sealed partial class PostgreSqlToggleStoreOptions
{
    /// <summary>
    /// Gets or sets the Npgsql connection string.
    /// </summary>
    public string ConnectionString { get; set; } = "";

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

    /// <summary>
    /// Gets or sets a value indicating whether the toggle tables are created on first use when the database has none.
    /// When <see langword="false"/>, a database without them is reported with <see cref="ToggleStoreUnavailableException"/>
    /// and left as it is.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CreateIfMissing { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether the store only reads: its sessions run with
    /// <c>default_transaction_read_only</c>, so the server refuses any write, and the tables are never created.
    /// For tools that only read, such as reports.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ReadOnly { get; set; }

    internal void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            problems.Add($"{nameof(ConnectionString)} must not be empty.");
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

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid PostgreSQL toggle store options: " + string.Join(" ", problems));
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex ChannelPattern();
}
