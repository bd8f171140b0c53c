using FeatureFlags.Storage;

namespace FeatureFlags.PostgreSql.Tests;

public class PostgreSqlToggleStoreContractTests : ToggleStoreContractTests
{
    protected override Task<string> CreateDatabaseAsync() => SharedServer.Server.CreateDatabaseAsync();

    protected override IToggleStore OpenStore(string database) => new PostgreSqlToggleStore(new PostgreSqlToggleStoreOptions { ConnectionString = database });

    protected override void UseStore(FeatureTogglesBuilder builder, string database) => builder.UsePostgreSql(database);
}
