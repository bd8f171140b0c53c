using FeatureFlags.Storage;
using Microsoft.Data.Sqlite;

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

    protected override async Task ExecuteSqlAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection(database + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<string?> ScalarAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection(database + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
