using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.PostgreSql.Tests;

/// <summary>
/// The README's connection-budget example, verbatim apart from where the connection strings come from. Change both together.
/// </summary>
public class ReadmeConnectionBudgetTests
{
    [Test]
    public async Task ListenConnectionStringExample_ListensOnTheSecondConnectionString()
    {
        var database = await SharedServer.Server.CreateDatabaseAsync();
        var sessions = new ServerSessions(database);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Toggles"] = $"{database};Application Name=readme-pooled",
            ["ConnectionStrings:TogglesListen"] = $"{database};Application Name=readme-listen",
        }).Build();
        var services = new ServiceCollection();

        services.AddFeatureToggles().UsePostgreSql(
            configuration.GetConnectionString("Toggles")!,                                       // through PgBouncer
            o => o.ListenConnectionString = configuration.GetConnectionString("TogglesListen")); // direct to the server

        services.AddFeatureToggles().AddToggles(ContractToggles.Kill);
        await using var provider = services.BuildServiceProvider();
        Assert.That(provider.GetRequiredService<IToggles>().IsEnabled(ContractToggles.Kill), Is.False);

        Assert.That(await sessions.WhenAsync("readme-listen", ServerSessions.OnlyTheListener), Has.Count.EqualTo(1).And.All.StartsWith("LISTEN "));
    }
}
