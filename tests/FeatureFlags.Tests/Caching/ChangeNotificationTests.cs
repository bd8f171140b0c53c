using FeatureFlags.Storage;
using FeatureFlags.Tests.Support;

namespace FeatureFlags.Tests.Caching;

public class ChangeNotificationTests
{
    [Test]
    public async Task KeyOnlyNotification_ValueIsReadBackInTheBackground()
    {
        var store = new KeyOnlyNotifyingStore();
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All), store: store);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.False);

        var read = store.NextGetManyAsync();
        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator);
        await read.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(await EventuallyAsync(() => harness.Toggles.IsEnabled(TestToggles.Kill)), Is.True);
    }

    [Test]
    public async Task EverythingNotification_ReloadsAllState()
    {
        var store = new FaultyToggleStore(new InMemoryToggleStore());
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All), store: store);
        harness.Toggles.IsEnabled(TestToggles.Kill);

        store.GoDown();
        await store.Inner.SetAsync(TestToggles.Kill.FullName, StoredValueCodec.EncodeSwitch(true), 0, new ToggleAuditInfo("elsewhere"));
        var reloaded = store.NextSuccessfulListAsync();
        store.ComeBack();
        await reloaded.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(await EventuallyAsync(() => harness.Toggles.IsEnabled(TestToggles.Kill)), Is.True);
    }

    /// <summary>
    /// Regression: a reload used to keep a key deleted while notifications were lost when that key was the newest write,
    /// because deletions carry no record to compare versions with.
    /// </summary>
    [Test]
    public async Task Reload_AfterLostDeleteOfTheNewestWrite_RemovesTheKey()
    {
        var store = new FaultyToggleStore(new InMemoryToggleStore());
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All), store: store);
        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator);
        var pilot = await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Pilot, "acme", true, Actors.Operator);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Pilot, "acme"), Is.True);

        store.GoDown();
        await store.Inner.DeleteAsync(pilot!.Key, pilot.Version, new ToggleAuditInfo("elsewhere"));
        var reloaded = store.NextSuccessfulListAsync();
        store.ComeBack();
        await reloaded.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(await EventuallyAsync(() => harness.Toggles.Explain(TestToggles.Pilot, "acme").Reason == ToggleReason.Default), Is.True);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.True, "other state is kept");
    }

    /// <summary>
    /// State is applied right after the read that the test awaited; poll briefly for that hand-off instead of sleeping a fixed time.
    /// </summary>
    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                return false;
            }

            await Task.Yield();
        }

        return true;
    }

    /// <summary>
    /// A store whose notifications carry only the key, like a database notification channel.
    /// </summary>
    private sealed class KeyOnlyNotifyingStore : IToggleStore
    {
        private readonly InMemoryToggleStore _inner = new();
        private TaskCompletionSource _getMany = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task NextGetManyAsync() => Volatile.Read(ref _getMany).Task;

        public ValueTask<ToggleRecord?> GetAsync(string key, CancellationToken cancellationToken = default) => _inner.GetAsync(key, cancellationToken);

        public async ValueTask<IReadOnlyList<ToggleRecord>> GetManyAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
        {
            var result = await _inner.GetManyAsync(keys, cancellationToken);
            Interlocked.Exchange(ref _getMany, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            return result;
        }

        public ValueTask<IReadOnlyList<ToggleRecord>> ListAsync(string prefix, CancellationToken cancellationToken = default) => _inner.ListAsync(prefix, cancellationToken);

        public ValueTask<ToggleRecord> SetAsync(string key, string value, long expectedVersion, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
            => _inner.SetAsync(key, value, expectedVersion, audit, cancellationToken);

        public ValueTask DeleteAsync(string key, long expectedVersion, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
            => _inner.DeleteAsync(key, expectedVersion, audit, cancellationToken);

        public ValueTask<IReadOnlyList<ToggleAuditEntry>> GetHistoryAsync(string toggleKey, CancellationToken cancellationToken = default)
            => _inner.GetHistoryAsync(toggleKey, cancellationToken);

        public ValueTask<IReadOnlyList<ToggleRecord>> WriteBatchAsync(IReadOnlyList<ToggleStoreWrite> writes, ToggleAuditInfo audit, CancellationToken cancellationToken = default)
            => _inner.WriteBatchAsync(writes, audit, cancellationToken);

        public ValueTask<IReadOnlyList<ToggleAuditEntry>> GetHistoryPageAsync(string toggleKey, long? beforeVersion, int limit, CancellationToken cancellationToken = default)
            => _inner.GetHistoryPageAsync(toggleKey, beforeVersion, limit, cancellationToken);

        public IDisposable Subscribe(Action<ToggleStoreChange> observer)
            => _inner.Subscribe(change => observer(change.Key is null ? change : ToggleStoreChange.Changed(change.Key)));
    }
}
