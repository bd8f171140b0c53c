using FeatureFlags.Storage;
using FeatureFlags.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Tests.Caching;

public class FirstLoadTests
{
    /// <summary>
    /// Regression: the initial load runs synchronously on the background thread (as it does with SQLite) while a caller
    /// waits for it, and a StateChanged handler evaluates a toggle when the load is applied. This once deadlocked.
    /// </summary>
    [Test]
    public async Task HandlerEvaluatingDuringFirstLoad_WhileACallerWaits_DoesNotDeadlock()
    {
        var inner = new InMemoryToggleStore();
        await inner.SetAsync(TestToggles.Kill.FullName, StoredValueCodec.EncodeSwitch(true), 0, new ToggleAuditInfo("seed"));
        using var gate = new ManualResetEventSlim();
        var store = new SynchronouslyBlockingListStore(inner, gate);
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All), store: store);

        var monitor = harness.Provider.GetRequiredService<IToggleStateMonitor>();
        var seenInHandler = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        monitor.StateChanged += (_, _) => seenInHandler.TrySetResult(harness.Toggles.IsEnabled(TestToggles.Kill));
        Assert.That(store.ListStarted.Wait(TimeSpan.FromSeconds(10)), Is.True, "the background load started");

        var caller = Task.Factory.StartNew(() => harness.Toggles.IsEnabled(TestToggles.Kill), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        gate.Set();

        Assert.That(await caller.WaitAsync(TimeSpan.FromSeconds(20)), Is.True);
        Assert.That(await seenInHandler.Task.WaitAsync(TimeSpan.FromSeconds(20)), Is.True);
    }

    private sealed class SynchronouslyBlockingListStore(IToggleStore inner, ManualResetEventSlim gate) : IToggleStore
    {
        public ManualResetEventSlim ListStarted { get; } = new();

        public ValueTask<IReadOnlyList<ToggleRecord>> ListAsync(string prefix, CancellationToken cancellationToken = default)
        {
            ListStarted.Set();
            gate.Wait(cancellationToken);
            return inner.ListAsync(prefix, cancellationToken);
        }

        public ValueTask<ToggleRecord?> GetAsync(string key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

        public ValueTask<IReadOnlyList<ToggleRecord>> GetManyAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => inner.GetManyAsync(keys, cancellationToken);

        public ValueTask<ToggleRecord> SetAsync(string key, string value, long expectedVersion, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
            => inner.SetAsync(key, value, expectedVersion, audit, cancellationToken);

        public ValueTask DeleteAsync(string key, long expectedVersion, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
            => inner.DeleteAsync(key, expectedVersion, audit, cancellationToken);

        public ValueTask<IReadOnlyList<ToggleAuditEntry>> GetHistoryAsync(string toggleKey, CancellationToken cancellationToken = default) => inner.GetHistoryAsync(toggleKey, cancellationToken);

        public ValueTask<IReadOnlyList<ToggleRecord>> WriteBatchAsync(IReadOnlyList<ToggleStoreWrite> writes, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
            => inner.WriteBatchAsync(writes, audit, cancellationToken);

        public ValueTask<IReadOnlyList<ToggleAuditEntry>> GetHistoryPageAsync(string toggleKey, long? beforeVersion, int limit, CancellationToken cancellationToken = default)
            => inner.GetHistoryPageAsync(toggleKey, beforeVersion, limit, cancellationToken);

        public ValueTask<IReadOnlyList<ToggleModifiedTimes>> GetModifiedTimesAsync(string? toggleKey = null, CancellationToken cancellationToken = default)
            => inner.GetModifiedTimesAsync(toggleKey, cancellationToken);

        public IDisposable Subscribe(Action<ToggleStoreChange> observer) => inner.Subscribe(observer);
    }
}
