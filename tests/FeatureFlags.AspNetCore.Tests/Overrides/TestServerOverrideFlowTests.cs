using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using NUnit.Framework.Internal;

namespace FeatureFlags.AspNetCore.Tests.Overrides;

/// <summary>
/// The testing package's overrides reach requests sent through a real <see cref="WebApplicationFactory{TEntryPoint}"/>
/// with nothing set on the test server.
/// </summary>
public sealed class TestServerOverrideFlowTests
{
    private SampleApp _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartOnce()
    {
        // One factory for the whole fixture, started outside any test's overrides, as a shared factory would be.
        _app = new SampleApp();
        _client = _app.CreateHttpsClient();
    }

    [OneTimeTearDown]
    public void StopOnce()
    {
        _client.Dispose();
        _app.Dispose();
    }

    [Test]
    [OverrideToggle("storefront.new_checkout", true)]
    public async Task OverrideToggleAttribute_ReachesTheRequest()
    {
        Assert.That(await _client.GetStringAsync("/flag"), Does.StartWith("storefront.new_checkout = on by OverrideScope"));
        Assert.That(await _client.GetStringAsync("/checkout"), Is.EqualTo("new checkout"));
    }

    [Test]
    public async Task WithoutOverride_TheRequestSeesStoredState()
    {
        Assert.That(await _client.GetStringAsync("/flag"), Does.StartWith("storefront.new_checkout = off"));
    }

    [TestCaseSource(typeof(ToggleTestCases), nameof(ToggleTestCases.BothStates), new object[] { "storefront.new_checkout" })]
    public async Task BothStates_EachCaseReachesTheRequest(ToggleStates states)
    {
        using var applied = states.Apply();

        var response = await _client.GetAsync("/checkout/legacy");

        Assert.That(response.IsSuccessStatusCode, Is.EqualTo(!states["storefront.new_checkout"]));
    }

    [Test]
    public async Task ToggleOverrideSet_ReachesTheRequest_OnlyWhileTheHandleLives()
    {
        using (ToggleOverride.Set("storefront.maintenance_banner", true))
        {
            Assert.That(await _client.GetStringAsync("/switch"), Does.StartWith("storefront.maintenance_banner = on by OverrideScope"));
        }

        Assert.That(await _client.GetStringAsync("/switch"), Does.StartWith("storefront.maintenance_banner = off"));
    }

    [Test]
    public void TheTestServer_PreservesTheTestsExecutionContext()
    {
        Assert.That(_app.Server.PreserveExecutionContext, Is.True);
    }

    [Test]
    public void ToggleOverrideSet_MistypedName_FailsNamingTheNearestDeclaredToggle()
    {
        var error = Assert.Throws<ArgumentException>(() => ToggleOverride.Set("storefront.new_checkot", true));

        Assert.That(error!.Message, Does.Contain("'storefront.new_checkot'").And.Contain("Did you mean 'storefront.new_checkout'?"));
    }

    [Test]
    public void OverrideToggleAttribute_MistypedName_FailsTheTestNamingTheNearestDeclaredToggle()
    {
        var attribute = new OverrideToggleAttribute("storefront.maintenance_baner", true);

        var error = Assert.Throws<ArgumentException>(() => attribute.BeforeTest(TestExecutionContext.CurrentContext.CurrentTest));

        Assert.That(error!.Message, Does.Contain("Did you mean 'storefront.maintenance_banner'?"));
    }

    [Test]
    public void BothStates_MistypedName_FailsTheTestWhenApplied()
    {
        var states = (ToggleStates)ToggleTestCases.BothStates("storefront.new_chekout").First().Arguments[0]!;

        var error = Assert.Throws<ArgumentException>(() => states.Apply());

        Assert.That(error!.Message, Does.Contain("Did you mean 'storefront.new_checkout'?"));
    }
}
