namespace FeatureFlags.AspNetCore.Tests.Support;

/// <summary>
/// A test class whose every test gets a fresh hosted sample and an https client.
/// </summary>
public abstract class SampleAppTest
{
    protected SampleApp App { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    [SetUp]
    public void StartApp()
    {
        App = CreateApp();
        Client = App.CreateHttpsClient();
    }

    /// <summary>Returns the hosted sample a test runs against.</summary>
    protected virtual SampleApp CreateApp() => new();

    [TearDown]
    public void StopApp()
    {
        Client.Dispose();
        App.Dispose();
    }
}
