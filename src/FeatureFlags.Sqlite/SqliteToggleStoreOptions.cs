namespace FeatureFlags.Sqlite;

/// <summary>
/// Options of <see cref="SqliteToggleStore"/>.
/// </summary>
public sealed class SqliteToggleStoreOptions
{
    /// <summary>
    /// Gets or sets the SQLite connection string, such as <c>Data Source=toggles.db</c>. The file is created if missing
    /// unless <see cref="CreateIfMissing"/> is <see langword="false"/> or <see cref="ReadOnly"/> is <see langword="true"/>;
    /// once it exists, while it is missing the store is unavailable rather than starting an empty file.
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

    /// <summary>
    /// Gets or sets a value indicating whether a missing file and a missing toggle schema are created on first use.
    /// When <see langword="false"/>, a missing file or a file without the schema is reported with
    /// <see cref="ToggleStoreUnavailableException"/> and left as it is.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CreateIfMissing { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether the file is opened read-only: writes fail, and the file, its schema and
    /// its journal mode are never created or changed. For tools that only read, such as reports.
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
