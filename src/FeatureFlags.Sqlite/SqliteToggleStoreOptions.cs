namespace FeatureFlags.Sqlite;

/// <summary>
/// Options of <see cref="SqliteToggleStore"/>.
/// </summary>
public sealed class SqliteToggleStoreOptions
{
    /// <summary>
    /// Gets or sets the SQLite connection string, such as <c>Data Source=toggles.db</c>. The file is created if missing
    /// at first use; after that, while it is missing, the store is unavailable rather than starting an empty file.
    /// </summary>
    /// <value>The default value is <c>Data Source=toggles.db</c>.</value>
    public string ConnectionString { get; set; } = "Data Source=toggles.db";

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

    internal void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            problems.Add($"{nameof(ConnectionString)} must not be empty.");
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(PollInterval)} must be positive (was {PollInterval}).");
        }

        if (BusyTimeout < TimeSpan.Zero)
        {
            problems.Add($"{nameof(BusyTimeout)} must not be negative (was {BusyTimeout}).");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid SQLite toggle store options: " + string.Join(" ", problems));
        }
    }
}
