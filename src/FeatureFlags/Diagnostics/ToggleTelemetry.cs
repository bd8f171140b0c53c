using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace FeatureFlags;

/// <summary>
/// The meter and activity source of one service provider. Recording costs a field read when nobody listens, and
/// never allocates on the evaluation path: tag values are interned strings and pre-boxed booleans.
/// </summary>
internal sealed class ToggleTelemetry : IDisposable
{
    private static readonly string? Version = typeof(ToggleTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
    private static readonly object True = true;
    private static readonly object False = false;
    private static readonly string[] ReasonNames = Enum.GetNames<ToggleReason>();

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _evaluations;
    private readonly Counter<long> _storeErrors;
    private readonly Histogram<double> _propagationLag;

    public ToggleTelemetry(IMeterFactory? meterFactory = null)
    {
        if (meterFactory is null)
        {
            _meter = new Meter(FeatureTogglesDiagnostics.MeterName, Version);
            _ownsMeter = true;
        }
        else
        {
            _meter = meterFactory.Create(FeatureTogglesDiagnostics.MeterName, Version);
        }

        _evaluations = _meter.CreateCounter<long>(FeatureTogglesDiagnostics.EvaluationsInstrument, "{evaluation}", "Toggle evaluations by toggle, result and deciding rule.");
        _storeErrors = _meter.CreateCounter<long>(FeatureTogglesDiagnostics.StoreErrorsInstrument, "{error}", "Failed reads of the toggle store.");
        _propagationLag = _meter.CreateHistogram<double>(FeatureTogglesDiagnostics.PropagationLagInstrument, "s", "Time from a change being written to the store to this process applying it.");
    }

    /// <summary>
    /// Gets the activity source shared by every provider: activities are filtered by source name, not instance.
    /// </summary>
    public static ActivitySource Source { get; } = new(FeatureTogglesDiagnostics.ActivitySourceName, Version);

    /// <summary>
    /// Gets this provider's meter, so a listener can tell it from other providers' meters of the same name.
    /// </summary>
    public Meter Meter => _meter;

    /// <summary>
    /// Gets a value indicating whether anyone listens to evaluations; checked inline so that the recording code stays
    /// out of the evaluation path when nobody does.
    /// </summary>
    public bool IsListening => _evaluations.Enabled || Source.HasListeners();

    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Evaluated(Toggle toggle, ToggleDecision decision, bool fromScopeCache)
    {
        if (_evaluations.Enabled)
        {
            _evaluations.Add(
                1,
                new KeyValuePair<string, object?>(FeatureTogglesDiagnostics.ToggleTag, toggle.FullName),
                new KeyValuePair<string, object?>(FeatureTogglesDiagnostics.ResultTag, decision.Value ? True : False),
                new KeyValuePair<string, object?>(FeatureTogglesDiagnostics.ReasonTag, ReasonNames[(int)decision.Reason]));
        }

        // One event per toggle and request: repeated answers from the scope cache add nothing new to a trace.
        if (!fromScopeCache && Source.HasListeners() && Activity.Current is { IsAllDataRequested: true } activity)
        {
            activity.AddEvent(new ActivityEvent(FeatureTogglesDiagnostics.EvaluationEvent, tags: new ActivityTagsCollection
            {
                { FeatureTogglesDiagnostics.ToggleTag, toggle.FullName },
                { FeatureTogglesDiagnostics.ResultTag, decision.Value },
                { FeatureTogglesDiagnostics.ReasonTag, ReasonNames[(int)decision.Reason] },
            }));
        }
    }

    public void StoreFailed(string operation)
        => _storeErrors.Add(1, new KeyValuePair<string, object?>(FeatureTogglesDiagnostics.OperationTag, operation));

    public void ChangeApplied(TimeSpan lag)
    {
        if (_propagationLag.Enabled)
        {
            _propagationLag.Record(Math.Max(0, lag.TotalSeconds));
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
