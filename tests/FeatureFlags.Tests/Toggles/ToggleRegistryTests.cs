using FeatureFlags.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FeatureFlags.Tests.Toggles;

public class ToggleRegistryTests
{
    [Test]
    public void Registry_ExplicitAndDiscoveredToggles_ListedOnceSortedByName()
    {
        using var harness = ToggleHarness.Create(b => b
            .AddToggles(TestToggles.Kill, TestToggles.Beta, DiscoverableToggles.FieldDeclared)
            .AddTogglesFromAssemblyContaining<ToggleRegistryTests>());

        var registry = harness.Provider.GetRequiredService<IToggleRegistry>();
        var names = registry.Toggles.Select(t => t.FullName).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(names, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
            Assert.That(names, Is.Unique);
            Assert.That(names, Does.Contain("discovery.from_property").And.Contain("discovery.from_field").And.Contain("tests.kill"));
            Assert.That(registry.TryGet("discovery.from_field", out var found), Is.True);
            Assert.That(found, Is.SameAs(DiscoverableToggles.FieldDeclared));
            Assert.That(registry.TryGet("discovery.missing", out _), Is.False);
        });
    }

    [Test]
    public void Registry_SameNameDeclaredTwice_ThrowsNamingBothDeclarers()
    {
        var impostor = new ToggleNamespace("discovery").Switch("from_field", TestToggles.Meta("Another meaning.", ToggleUseCases.LaunchDate));
        using var harness = ToggleHarness.Create(b => b
            .AddTogglesFromAssemblyContaining<ToggleRegistryTests>()
            .AddToggles(impostor));

        var ex = Assert.Throws<InvalidOperationException>(() => harness.Provider.GetRequiredService<IToggleRegistry>());

        Assert.That(ex!.Message, Does.Contain("'discovery.from_field'")
            .And.Contain("FeatureFlags.Tests.Toggles.DiscoverableToggles.FieldDeclared (DiscoverableToggles.cs:")
            .And.Contain("ToggleRegistryTests.cs:"));
    }

    [Test]
    public void Registry_SameInstanceRegisteredTwice_IsNotADuplicate()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.Kill, TestToggles.Kill));

        Assert.That(harness.Provider.GetRequiredService<IToggleRegistry>().Toggles, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task HostStart_DuplicateDeclarations_FailsStartUp()
    {
        var first = new ToggleNamespace("dup").Flag("x", TestToggles.Meta("One.", ToggleUseCases.LaunchDate));
        var second = new ToggleNamespace("dup").Switch("x", TestToggles.Meta("Two.", ToggleUseCases.LaunchDate, defaultValue: true));
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddFeatureToggles().AddToggles(first, second);
        using var host = builder.Build();

        var ex = Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.That(ex!.Message, Does.Contain("'dup.x'"));
        await host.StopAsync();
    }
}
