using FeatureFlags.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Tests.DependencyInjection;

public sealed class AddToggledTests
{
    [Test]
    public async Task Scoped_ChoosesPerScope_AndKeepsTheChoiceForTheScope()
    {
        var services = new ServiceCollection();
        services.AddFeatureToggles().AddToggles(TestToggles.Kill);
        services.AddToggled<IGreeter, NewGreeter, OldGreeter>(TestToggles.Kill);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var admin = provider.GetRequiredService<IToggleAdmin>();

        using var before = provider.CreateScope();
        var first = before.ServiceProvider.GetRequiredService<IGreeter>();
        await admin.SetAsync(TestToggles.Kill, true, Actors.Operator);
        using var after = provider.CreateScope();

        Assert.That(first, Is.InstanceOf<OldGreeter>());
        Assert.That(before.ServiceProvider.GetRequiredService<IGreeter>(), Is.SameAs(first), "one choice per scope");
        Assert.That(after.ServiceProvider.GetRequiredService<IGreeter>(), Is.InstanceOf<NewGreeter>());
    }

    [Test]
    public void Singleton_IsRefused_WithAMessageThatSaysWhy()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(() => services.AddToggled<IGreeter, NewGreeter, OldGreeter>(TestToggles.Kill, ServiceLifetime.Singleton));

        Assert.That(error!.Message, Does.Contain("IGreeter").And.Contain(TestToggles.Kill.FullName).And.Contain("Scoped"));
        Assert.That(services, Is.Empty);
    }

    [Test]
    public void Transient_ChoosesOnEveryResolution()
    {
        var services = new ServiceCollection();
        services.AddFeatureToggles().AddToggles(TestToggles.Kill);
        services.AddToggled<IGreeter, NewGreeter, OldGreeter>(TestToggles.Kill, ServiceLifetime.Transient);
        using var provider = services.BuildServiceProvider();
        var toggles = provider.GetRequiredService<IToggles>();

        IGreeter on;
        using (toggles.Override(TestToggles.Kill, true))
        {
            on = provider.GetRequiredService<IGreeter>();
        }

        Assert.That(on, Is.InstanceOf<NewGreeter>());
        Assert.That(provider.GetRequiredService<IGreeter>(), Is.InstanceOf<OldGreeter>());
    }

    private interface IGreeter;

    private sealed class NewGreeter : IGreeter;

    private sealed class OldGreeter : IGreeter;
}
