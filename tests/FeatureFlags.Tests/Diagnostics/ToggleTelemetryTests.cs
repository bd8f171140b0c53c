using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FeatureFlags.Storage;
using FeatureFlags.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Tests.Diagnostics;

public sealed class ToggleTelemetryTests
{
    [Test]
    public async Task StoreFailures_AreCounted_EachAttempt_WithTheOperation()
    {
        var store = new HookableToggleStore(new InMemoryToggleStore());
        store.GoDown();
        using var harness = ToggleHarness.Create(options: o => o.StoreRetryDelay = TimeSpan.FromMilliseconds(10), store: store);
        var errors = new ConcurrentQueue<string?>();
        using var listener = Listen(harness, (name, _, tags) =>
        {
            if (name == FeatureTogglesDiagnostics.StoreErrorsInstrument)
            {
                errors.Enqueue(tags.FirstOrDefault(t => t.Key == FeatureTogglesDiagnostics.OperationTag).Value as string);
            }
        });

        harness.Toggles.IsEnabled(TestToggles.Kill);
        await store.WaitForCallsAsync(3);

        // Three calls have started, so at least the first two have failed and been counted.
        Assert.That(errors, Has.Count.GreaterThanOrEqualTo(2));
        Assert.That(errors, Is.All.EqualTo("loading toggle state"));
    }

    [Test]
    public void Evaluations_AreCounted_WithToggleResultAndReason()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.Kill));
        var counted = new ConcurrentQueue<(string Toggle, object? Result, object? Reason)>();
        using var listener = Listen(harness, (name, _, tags) =>
        {
            if (name == FeatureTogglesDiagnostics.EvaluationsInstrument)
            {
                var map = tags.ToDictionary(t => t.Key, t => t.Value);
                counted.Enqueue(((string)map[FeatureTogglesDiagnostics.ToggleTag]!, map[FeatureTogglesDiagnostics.ResultTag], map[FeatureTogglesDiagnostics.ReasonTag]));
            }
        });

        harness.Toggles.IsEnabled(TestToggles.Kill);
        using (harness.Toggles.Override(TestToggles.Kill, true))
        {
            harness.Toggles.IsEnabled(TestToggles.Kill);
        }

        Assert.That(counted, Is.EqualTo(new[] { (TestToggles.Kill.FullName, (object)false, (object)"Default"), (TestToggles.Kill.FullName, true, "OverrideScope") }));
    }

    private static MeterListener Listen(ToggleHarness harness, Action<string, long, KeyValuePair<string, object?>[]> record)
    {
        var meter = harness.Provider.GetRequiredService<ToggleTelemetry>().Meter;
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => record(instrument.Name, value, tags.ToArray()));
        listener.Start();
        return listener;
    }
}
