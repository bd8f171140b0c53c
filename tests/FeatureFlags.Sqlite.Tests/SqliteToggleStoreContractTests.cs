using FeatureFlags.Storage;

namespace FeatureFlags.Sqlite.Tests;

public class SqliteToggleStoreContractTests : ToggleStoreContractTests
{
    private SqliteFiles _files = null!;

    [OneTimeSetUp]
    public void CreateFolder() => _files = new SqliteFiles();

    [OneTimeTearDown]
    public void DeleteFolder() => _files.Dispose();

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(_files.NewConnectionString());

    protected override IToggleStore OpenStore(string database) => new SqliteToggleStore(new SqliteToggleStoreOptions { ConnectionString = database });

    protected override void UseStore(FeatureTogglesBuilder builder, string database) => builder.UseSqlite(database, o => o.PollInterval = TimeSpan.FromMilliseconds(200));
}
