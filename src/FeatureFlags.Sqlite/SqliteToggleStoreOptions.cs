using FeatureFlags.Sql;

namespace FeatureFlags.Sqlite;

/// <summary>
/// Options of <see cref="SqliteToggleStore"/>.
/// </summary>
public sealed class SqliteToggleStoreOptions : SqlToggleStoreOptions
{
    /// <summary>
    /// Gets or sets the SQLite connection string, such as <c>Data Source=toggles.db</c>. The file is created if missing
    /// unless <see cref="SqlToggleStoreOptions.CreateIfMissing"/> is <see langword="false"/> or <see cref="SqlToggleStoreOptions.ReadOnly"/> is <see langword="true"/>;
    /// once it exists, while it is missing the store is unavailable rather than starting an empty file.
    /// </summary>
    /// <value>The default value is <c>Data Source=toggles.db</c>.</value>
    public override string ConnectionString { get; set; } = "Data Source=toggles.db";

    /// <summary>
    /// Gets or sets how often the store checks the file for changes made by other processes.
    /// </summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets how long a statement waits for another process's write lock before failing.
    /// </summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    internal override string DatabaseName => "SQLite";

    /// <inheritdoc />
    internal override void AddProblems(List<string> problems)
    {
        if (PollInterval <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(PollInterval)} must be positive (was {PollInterval}).");
        }

        if (BusyTimeout < TimeSpan.Zero)
        {
            problems.Add($"{nameof(BusyTimeout)} must not be negative (was {BusyTimeout}).");
        }
    }
}
