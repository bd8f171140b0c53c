using FeatureFlags.Storage;
using Npgsql;

namespace FeatureFlags.PostgreSql.Tests;

public class PostgreSqlToggleStoreContractTests : ToggleStoreContractTests
{
    protected override Task<string> CreateDatabaseAsync() => SharedServer.Server.CreateDatabaseAsync();

    protected override IToggleStore OpenStore(string database) => new PostgreSqlToggleStore(new PostgreSqlToggleStoreOptions { ConnectionString = database });

    protected override void UseStore(FeatureTogglesBuilder builder, string database) => builder.UsePostgreSql(database);

    protected override async Task ExecuteSqlAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<string?> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
