namespace FeatureFlags.AspNetCore.Tests.Support;

/// <summary>
/// A fixture whose tests share one hosted sample, seeded once, and only read from it.
/// </summary>
public abstract class SeededSampleAppFixture
{
    protected SampleApp App { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartApp()
    {
        App = new SampleApp();
        Client = App.CreateHttpsClient();
        await SeedAsync(App.Admin);
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        Client.Dispose();
        App.Dispose();
    }

    /// <summary>Writes the state every test of the fixture reads.</summary>
    protected abstract Task SeedAsync(IToggleAdmin admin);
}
