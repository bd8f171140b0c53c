using FeatureFlags.Storage;
using FeatureFlags.Tests.Support;

namespace FeatureFlags.Tests.Caching;

/// <summary>
/// A store that throws or hangs never makes evaluation throw: the last known state is served, else the code default,
/// and each outage is logged once.
/// </summary>
public class StoreFailureTests
{
    private const int StoreUnavailable = 1;
    private const int StoreRecovered = 2;
    private const int StartupTimedOut = 7;

    [Test]
    public async Task StoreDownFromStart_ServesCodeDefaults_LogsOnceAcrossRetries()
    {
        var store = new HookableToggleStore(new InMemoryToggleStore());
        await store.Inner.SetAsync(TestToggles.DefaultOn.FullName, StoredValueCodec.EncodeSwitch(false), 0, new ToggleAuditInfo("seed"));
        store.GoDown();
        using var harness = Create(store);

        var values = new List<bool>();
        for (var i = 0; i < 1000; i++)
        {
            values.Add(harness.Toggles.IsEnabled(TestToggles.DefaultOn));
        }

        await store.WaitForCallsAsync(4);

        Assert.That(values, Is.All.True, "code default while nothing could be loaded");
        Assert.That(harness.Logs.WithEventId(StoreUnavailable), Has.Count.EqualTo(1));
        Assert.That(harness.Toggles.Explain(TestToggles.DefaultOn).Detail, Does.Contain("has not been loaded"));
    }

    [Test]
    public async Task OutageWhileEightThreadsEvaluate_NoThrow_LastKnownServed_ChangeMadeDuringOutageSeenAfter()
    {
        var store = new HookableToggleStore(new InMemoryToggleStore());
        using var harness = Create(store);
        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator);
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Users = ["u1"] }, Actors.Operator);
        var context = new ToggleContext { UserId = "u1" };
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.True);

        store.GoDown();
        using var outageOver = new CancellationTokenSource();
        var failures = 0;
        var wrong = 0;
        var evaluations = 0L;
        var evaluators = Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(() =>
        {
            while (!outageOver.IsCancellationRequested)
            {
                try
                {
                    if (!harness.Toggles.IsEnabled(TestToggles.Kill) || !harness.Toggles.IsEnabled(TestToggles.Beta, context))
                    {
                        Interlocked.Increment(ref wrong);
                    }

                    Interlocked.Increment(ref evaluations);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        await store.WaitForCallsAsync(3);
        await store.Inner.SetAsync(TestToggles.Kill.FullName, StoredValueCodec.EncodeSwitch(false), (await store.Inner.GetAsync(TestToggles.Kill.FullName))!.Version, new ToggleAuditInfo("dba", "changed during the outage"));
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.True, "the change is not visible while the store is down");

        outageOver.Cancel();
        await Task.WhenAll(evaluators);
        var reloaded = store.NextAsync(StoreCall.List);
        var applied = harness.WhenApplied(() => !harness.Toggles.IsEnabled(TestToggles.Kill));
        store.ComeBack();
        var callsAtRecovery = store.Calls;
        try
        {
            await reloaded.WaitAsync(TimeSpan.FromSeconds(30));
            await applied.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No reload applied within 30 s of recovery. Calls: {callsAtRecovery} at recovery, {store.Calls} now. Log: {string.Join(" | ", harness.Logs.Entries.Select(e => $"{e.EventId.Id}:{e.Message}"))}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Zero, "no evaluation threw");
            Assert.That(wrong, Is.Zero, "last known values were served throughout");
            Assert.That(evaluations, Is.GreaterThan(1000));
            Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.False, "the change made during the outage is seen after it");
            Assert.That(harness.Logs.WithEventId(StoreUnavailable), Has.Count.EqualTo(1));
            Assert.That(harness.Logs.WithEventId(StoreRecovered), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task TwoOutages_LoggedTwice()
    {
        var store = new HookableToggleStore(new InMemoryToggleStore());
        using var harness = Create(store);
        harness.Toggles.IsEnabled(TestToggles.Kill);

        for (var outage = 0; outage < 2; outage++)
        {
            store.GoDown();
            await store.WaitForCallsAsync(2);
            var reloaded = store.NextAsync(StoreCall.List);
            store.ComeBack();
            await reloaded.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.That(harness.Logs.WithEventId(StoreUnavailable), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task StoreHangsAtStartup_FirstEvaluationReturnsDefaultAfterTimeout_StateLoadsOnceItAnswers()
    {
        var store = new HookableToggleStore(new InMemoryToggleStore());
        await store.Inner.SetAsync(TestToggles.Kill.FullName, StoredValueCodec.EncodeSwitch(true), 0, new ToggleAuditInfo("seed"));
        store.GoDown(hang: true);
        using var harness = Create(store, startupTimeout: TimeSpan.FromMilliseconds(200));

        var duringHang = harness.Toggles.IsEnabled(TestToggles.Kill);
        var loaded = harness.WhenApplied(() => harness.Toggles.Explain(TestToggles.Kill).Reason == ToggleReason.Switch);
        store.ComeBack();
        await loaded.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(duringHang, Is.False);
        Assert.That(harness.Logs.WithEventId(StartupTimedOut), Has.Count.EqualTo(1));
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.True);
    }

    [Test]
    public async Task CorruptOrNewerStoredValues_TreatedAsUnsetAndLogged()
    {
        var inner = new InMemoryToggleStore();
        await inner.SetAsync(TestToggles.DefaultOn.FullName, "{\"hand edited", 0, new ToggleAuditInfo("dba"));
        await inner.SetAsync(TestToggles.Kill.FullName, "{\"v\":9,\"kind\":\"switch\",\"on\":true}", 0, new ToggleAuditInfo("future"));
        await inner.SetAsync(TestToggles.Beta.FullName, StoredValueCodec.EncodeSwitch(true), 0, new ToggleAuditInfo("confused"));
        await inner.SetAsync(ToggleKeys.ForOverride(TestToggles.Pilot.FullName, OverrideLevel.Organization, "acme"), "{\"v\":1}", 0, new ToggleAuditInfo("dba"));
        using var harness = Create(inner);

        Assert.Multiple(() =>
        {
            Assert.That(harness.Toggles.IsEnabled(TestToggles.DefaultOn), Is.True);
            Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.False);
            Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta), Is.False);
            Assert.That(harness.Toggles.Explain(TestToggles.Pilot, "acme").Reason, Is.EqualTo(ToggleReason.Default));
            Assert.That(harness.Logs.WithEventId(3).Select(e => e.Message), Has.Some.Contains("tests.default_on").And.Some.Contains("newer version"));
            Assert.That(harness.Logs.WithEventId(10).Single().Message, Does.Contain("tests.beta"));
        });
    }

    private static ToggleHarness Create(IToggleStore store, TimeSpan? startupTimeout = null)
        => ToggleHarness.Create(
            b => b.AddToggles(TestToggles.All),
            options: o =>
            {
                o.StoreRetryDelay = TimeSpan.FromMilliseconds(20);
                o.MaxStoreRetryDelay = TimeSpan.FromMilliseconds(100);
                o.StoreOperationTimeout = TimeSpan.FromMilliseconds(500);
                o.StartupLoadTimeout = startupTimeout ?? TimeSpan.FromSeconds(5);
            },
            store: store);
}
