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
        using var listStarted = new ManualResetEventSlim();
        var store = new HookableToggleStore(inner)
        {
            // Blocks the loader's thread itself, not an awaited task: the load is synchronous, as SQLite's is.
            Before = (call, cancellationToken) =>
            {
                if (call == StoreCall.List)
                {
                    listStarted.Set();
                    gate.Wait(cancellationToken);
                }

                return ValueTask.CompletedTask;
            },
        };
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All), store: store);

        var monitor = harness.Provider.GetRequiredService<IToggleStateMonitor>();
        var seenInHandler = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        monitor.StateChanged += (_, _) => seenInHandler.TrySetResult(harness.Toggles.IsEnabled(TestToggles.Kill));
        Assert.That(listStarted.Wait(TimeSpan.FromSeconds(10)), Is.True, "the background load started");

        var caller = Task.Factory.StartNew(() => harness.Toggles.IsEnabled(TestToggles.Kill), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        gate.Set();

        Assert.That(await caller.WaitAsync(TimeSpan.FromSeconds(20)), Is.True);
        Assert.That(await seenInHandler.Task.WaitAsync(TimeSpan.FromSeconds(20)), Is.True);
    }
}
