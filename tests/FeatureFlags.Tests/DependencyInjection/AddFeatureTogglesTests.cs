using FeatureFlags.Storage;
using FeatureFlags.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moq;

namespace FeatureFlags.Tests.DependencyInjection;

public class AddFeatureTogglesTests
{
    [Test]
    public void Options_Invalid_OneMessageListsEveryProblem()
    {
        using var harness = ToggleHarness.Create(options: o =>
        {
            o.ConfigurationSection = "";
            o.StoreRetryDelay = TimeSpan.Zero;
            o.StoreOperationTimeout = TimeSpan.FromSeconds(-1);
        });

        var ex = Assert.Throws<OptionsValidationException>(() => _ = harness.Provider.GetRequiredService<IOptions<FeatureTogglesOptions>>().Value);

        Assert.That(ex!.Message, Does.Contain("ConfigurationSection").And.Contain("StoreRetryDelay").And.Contain("StoreOperationTimeout"));
    }

    [Test]
    public async Task HostStart_InvalidOptions_FailsStartUp()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddFeatureToggles(o => o.MaxStoreRetryDelay = TimeSpan.FromMilliseconds(1));
        using var host = builder.Build();

        var ex = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(ex!.Message, Does.Contain("MaxStoreRetryDelay"));
        await host.StopAsync();
    }

    [Test]
    public async Task HostStart_LoadsStateBeforeServing()
    {
        var store = new InMemoryToggleStore();
        await store.SetAsync(TestToggles.Kill.FullName, StoredValueCodec.EncodeSwitch(true), 0, new ToggleAuditInfo("seed"));
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddFeatureToggles().AddToggles(TestToggles.All).UseStore(_ => store);
        using var host = builder.Build();

        await host.StartAsync();
        var cache = host.Services.GetRequiredService<ToggleStateCache>();

        Assert.That(cache.IsLoaded, Is.True);
        Assert.That(host.Services.GetRequiredService<IToggles>().IsEnabled(TestToggles.Kill), Is.True);
        await host.StopAsync();
    }

    [Test]
    public void AddFeatureToggles_CalledTwice_AddsToTheSameRegistrations()
    {
        var services = new ServiceCollection();
        services.AddFeatureToggles().AddToggles(TestToggles.Kill);
        services.AddFeatureToggles().AddToggles(TestToggles.Beta);
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IToggleRegistry>().Toggles, Is.EquivalentTo(new Toggle[] { TestToggles.Kill, TestToggles.Beta }));
        Assert.That(services.Count(d => d.ServiceType == typeof(IToggles)), Is.EqualTo(1));
    }

    [Test]
    public void ContextAccessor_Replaced_IsUsedOutsideScopes()
    {
        var accessor = new Mock<IToggleContextAccessor>();
        accessor.SetupGet(a => a.Context).Returns(new ToggleContext { UserId = "from-accessor" });
        using var harness = ToggleHarness.Create(b =>
        {
            b.AddToggles(TestToggles.All);
            b.Services.AddSingleton(accessor.Object);
        });
        harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Users = ["from-accessor"] }, Actors.Operator).AsTask().Wait();

        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta), Is.True);
        accessor.VerifyGet(a => a.Context, Times.AtLeastOnce());
    }

    [Test]
    public void UseStore_ReplacesDefaultStore()
    {
        var store = new InMemoryToggleStore();
        using var harness = ToggleHarness.Create(b => b.UseStore(_ => store));

        Assert.That(harness.Store, Is.SameAs(store));
    }
}
