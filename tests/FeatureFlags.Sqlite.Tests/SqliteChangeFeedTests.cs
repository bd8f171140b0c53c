using FeatureFlags.Storage;

namespace FeatureFlags.Sqlite.Tests;

/// <summary>The change feed between two SQLite store instances on one file (polled every 20 ms here).</summary>
public class SqliteChangeFeedTests : ChangeFeedTests
{
    private SqliteFiles _files = null!;

    [SetUp]
    public void CreateFolder() => _files = new SqliteFiles();

    [TearDown]
    public void DeleteFolder() => _files.Dispose();

    protected override Task<Func<IToggleStore>> CreateDatabaseAsync()
    {
        var database = _files.NewConnectionString();
        return Task.FromResult<Func<IToggleStore>>(() => new SqliteToggleStore(new SqliteToggleStoreOptions
        {
            ConnectionString = database,
            PollInterval = TimeSpan.FromMilliseconds(20),
        }));
    }
}
