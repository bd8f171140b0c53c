using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FeatureFlags;

/// <summary>
/// In hosted applications, checks the declarations (duplicates fail start-up) and waits for the first load of the
/// store before the application starts serving, bounded by <see cref="FeatureTogglesOptions.StartupLoadTimeout"/>.
/// </summary>
internal sealed class FeatureTogglesStartup(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<IToggleRegistry>();
        var cache = services.GetRequiredService<ToggleStateCache>();
        _ = services.GetRequiredService<IToggles>();
        var timeout = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<FeatureTogglesOptions>>().Value.StartupLoadTimeout;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await cache.WhenFirstAttemptedAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The store is slow: the application starts on code defaults and picks up state when it loads.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
