using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Samples.Web;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.AspNetCore.Tests.Diagnostics;

// Listeners see every app in the process; measurements are filtered to this fixture's app by its meter factory.
[NonParallelizable]
public sealed class TelemetryTests
{
    [Test]
    public async Task Evaluations_AreCountedByToggleResultAndReason()
    {
        using var app = new SampleApp();
        using var client = app.CreateHttpsClient();
        _ = app.Services; // start the host so its meter factory exists
        var measurements = new ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = Listen(app, (instrument, value, tags) => measurements.Enqueue((instrument.Name, Convert.ToInt64(value), tags)));

        await client.GetAsync("/checkout");
        await client.SendAsync(Http.Get("/checkout", "ada"));
        await app.Admin.SetAsync(StorefrontToggles.NewCheckout, new FlagRules { Users = ["ada"] }, SampleApp.Operator);
        await client.SendAsync(Http.Get("/checkout", "ada"));

        var checkout = measurements
            .Where(m => m.Instrument == FeatureTogglesDiagnostics.EvaluationsInstrument && (string?)m.Tags[FeatureTogglesDiagnostics.ToggleTag] == "storefront.new_checkout")
            .Select(m => ((bool)m.Tags[FeatureTogglesDiagnostics.ResultTag]!, (string)m.Tags[FeatureTogglesDiagnostics.ReasonTag]!, m.Value))
            .ToList();
        Assert.That(checkout, Is.EqualTo(new[] { (false, "Default", 1L), (false, "Default", 1L), (true, "User", 1L) }));
    }

    [Test]
    public async Task AChangeFromTheStore_RecordsPropagationLag()
    {
        using var app = new SampleApp();
        _ = app.Services;
        var lags = new ConcurrentQueue<double>();
        using var listener = Listen(app, (instrument, value, _) =>
        {
            if (instrument.Name == FeatureTogglesDiagnostics.PropagationLagInstrument)
            {
                lags.Enqueue(Convert.ToDouble(value));
            }
        });

        await app.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, true, SampleApp.Operator);

        Assert.That(lags, Has.Count.EqualTo(1));
        Assert.That(lags.Single(), Is.InRange(0.0, 60.0), "seconds, not milliseconds or ticks");
        Assert.That(app.Services.GetRequiredService<IToggles>().IsEnabled(StorefrontToggles.MaintenanceBanner), Is.True);
    }

    [Test]
    public async Task GateCheck_AndEvaluations_AppearInTheTrace()
    {
        using var app = new SampleApp();
        using var client = app.CreateHttpsClient();
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is FeatureTogglesDiagnostics.ActivitySourceName or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var response = await client.GetAsync("/checkout");

        var gate = stopped.Single(a => a.OperationName == "featureflags.gate");
        var requestActivity = stopped.Single(a => a.SpanId == gate.ParentSpanId);
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NotFound));
        Assert.That(requestActivity.Source.Name, Is.EqualTo("Microsoft.AspNetCore"), "the gate is a child of the request");
        Assert.That(gate.GetTagItem(FeatureTogglesDiagnostics.ToggleTag), Is.EqualTo("storefront.new_checkout"));
        Assert.That(gate.GetTagItem("featureflags.gate.open"), Is.EqualTo(false));
        var evaluation = gate.Events.Single(e => e.Name == FeatureTogglesDiagnostics.EvaluationEvent).Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.That(evaluation[FeatureTogglesDiagnostics.ToggleTag], Is.EqualTo("storefront.new_checkout"));
        Assert.That(evaluation[FeatureTogglesDiagnostics.ResultTag], Is.EqualTo(false));
        Assert.That(evaluation[FeatureTogglesDiagnostics.ReasonTag], Is.EqualTo("Default"));
    }

    private static MeterListener Listen(SampleApp app, Action<Instrument, object, Dictionary<string, object?>> record)
    {
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == FeatureTogglesDiagnostics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => record(instrument, value, Tags(tags)));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => record(instrument, value, Tags(tags)));
        listener.Start();
        return listener;
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }
}
