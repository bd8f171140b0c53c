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
        App = new SampleApp();
        Client = App.CreateHttpsClient();
    }

    [TearDown]
    public void StopApp()
    {
        Client.Dispose();
        App.Dispose();
    }
}
