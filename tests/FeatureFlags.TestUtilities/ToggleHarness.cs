using FeatureFlags.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeatureFlags.TestUtilities;

/// <summary>
/// A real service provider with the toggle services, an in-memory store (or a given one) and a list logger.
/// </summary>
public sealed class ToggleHarness : IDisposable
{
    public static readonly ToggleActor Operator = new("operator");

    private ToggleHarness(ServiceProvider provider, ListLoggerProvider logs)
    {
        Provider = provider;
        Logs = logs;
    }

    public ServiceProvider Provider { get; }

    public ListLoggerProvider Logs { get; }

    public IToggles Toggles => Provider.GetRequiredService<IToggles>();

    public IToggleAdmin Admin => Provider.GetRequiredService<IToggleAdmin>();

    public IToggleStore Store => Provider.GetRequiredService<IToggleStore>();

    public static ToggleHarness Create(
        Action<FeatureTogglesBuilder>? build = null,
        Action<FeatureTogglesOptions>? options = null,
        IConfiguration? configuration = null,
        IToggleStore? store = null)
    {
        var logs = new ListLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        if (configuration is not null)
        {
            services.AddSingleton(configuration);
        }

        var builder = services.AddFeatureToggles(options);
        if (store is not null)
        {
            builder.UseStore(_ => store);
        }

        build?.Invoke(builder);
        return new ToggleHarness(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), logs);
    }

    public void Dispose() => Provider.Dispose();
}
