namespace FeatureFlags.PostgreSql.Tests;

/// <summary>
/// One throwaway PostgreSQL server for the assembly; each test creates its own database on it. Tests that stop the
/// server start their own instead. In CI (<see cref="TestEnvironment.IsCi"/>) a server that cannot start fails the run instead of skipping it.
/// </summary>
[SetUpFixture]
public sealed class SharedServer
{
    private static PostgresServer? s_server;

    public static PostgresServer Server => s_server ?? throw new InvalidOperationException("The shared PostgreSQL server is not running.");

    [OneTimeSetUp]
    public async Task StartAsync() => s_server = await PostgresServer.StartOrIgnoreAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (s_server is not null)
        {
            await s_server.DisposeAsync();
        }
    }
}
