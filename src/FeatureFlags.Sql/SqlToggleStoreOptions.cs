namespace FeatureFlags.Sql;

/// <summary>
/// What the options of the SQL toggle stores share (<c>SqliteToggleStoreOptions</c>, <c>PostgreSqlToggleStoreOptions</c>):
/// the connection string, whether the schema is created, and read-only use. Only those stores' options derive from it.
/// </summary>
public abstract class SqlToggleStoreOptions
{
    internal SqlToggleStoreOptions()
    {
    }

    /// <summary>
    /// Gets or sets the connection string of the database.
    /// </summary>
    public abstract string ConnectionString { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether a missing database (for SQLite, the file) and a missing toggle schema are
    /// created on first use. When <see langword="false"/>, a database without them is reported with
    /// <see cref="ToggleStoreUnavailableException"/> and left as it is.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CreateIfMissing { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether the store only reads: writes fail, and nothing is ever created or changed
    /// (SQLite opens the file read-only and never sets its journal mode; PostgreSQL sessions run with
    /// <c>default_transaction_read_only</c>, so the server refuses any write). For tools that only read, such as reports.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ReadOnly { get; set; }

    /// <summary>Gets a value indicating whether the store may create the schema: <see cref="CreateIfMissing"/> and not <see cref="ReadOnly"/>.</summary>
    internal bool CreatesSchema => CreateIfMissing && !ReadOnly;

    /// <summary>Gets the database's name for messages, such as <c>SQLite</c>.</summary>
    internal abstract string DatabaseName { get; }

    /// <summary>Gets a value indicating whether <see cref="ConnectionString"/> must be set (PostgreSQL can take a data source instead).</summary>
    internal virtual bool NeedsConnectionString => true;

    /// <summary>
    /// Checks every option; throws once, listing every problem.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    internal void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid {DatabaseName} toggle store options: " + string.Join(" ", problems));
        }
    }

    /// <summary>
    /// Returns every problem of the options, each a sentence that starts with the name of the option it is about (so
    /// that configuration can name its key).
    /// </summary>
    internal List<string> Problems()
    {
        var problems = new List<string>();
        if (NeedsConnectionString && string.IsNullOrWhiteSpace(ConnectionString))
        {
            problems.Add($"{nameof(ConnectionString)} must not be empty.");
        }

        AddProblems(problems);
        return problems;
    }

    /// <summary>Adds the problems of the store's own options, each a sentence that starts with the option's name.</summary>
    /// <param name="problems">The list to add to.</param>
    internal abstract void AddProblems(List<string> problems);
}
