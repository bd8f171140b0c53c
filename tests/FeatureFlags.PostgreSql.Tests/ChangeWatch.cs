using FeatureFlags.Storage;

namespace FeatureFlags.PostgreSql.Tests;

/// <summary>Watches one key on a store's change feed, from the moment the feed says it is listening.</summary>
internal static class ChangeWatch
{
    /// <summary>Subscribes, waits until the feed listens (its first reload), and returns the next change of <paramref name="key"/>.</summary>
    public static async Task<(IDisposable Subscription, Task<ToggleStoreChange> Next)> StartAsync(IToggleStore watcher, string key)
    {
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new TaskCompletionSource<ToggleStoreChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = watcher.Subscribe(c =>
        {
            if (c.Kind == ToggleStoreChangeKind.Everything)
            {
                listening.TrySetResult();
            }
            else if (c.Key == key)
            {
                seen.TrySetResult(c);
            }
        });
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return (subscription, seen.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
