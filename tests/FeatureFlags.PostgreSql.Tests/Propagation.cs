namespace FeatureFlags.PostgreSql.Tests;

internal static class Propagation
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Starts the stopped <paramref name="server"/> again and completes once <paramref name="instance"/> has reloaded
    /// everything from it, so that a write made next meets a server that answers. The listener that lost its connection
    /// dropped the pooled connections and, once it is back, has every cache reload everything (raising
    /// <see cref="IToggleStateMonitor.StateChanged"/> with <see cref="ToggleStateChangedEventArgs.IsFullReload"/>), which a
    /// cache does only when the store answered. Waits at most 30 s from the restart, then throws
    /// <see cref="OperationCanceledException"/>; nothing is retried or polled.
    /// </summary>
    public static async Task StartAgainAndReloadAsync(PostgresServer server, ToggleHarness instance)
    {
        using var limit = new CancellationTokenSource();
        var reloaded = instance.WhenReloaded(limit.Token);
        await server.StartAgainAsync();
        limit.CancelAfter(Limit);
        await reloaded;
    }
}
