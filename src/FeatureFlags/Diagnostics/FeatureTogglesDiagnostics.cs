namespace FeatureFlags;

/// <summary>
/// Names of the <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/> the
/// toggles report through, and of their instruments and tags, for OpenTelemetry or a listener.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddOpenTelemetry()
///     .WithMetrics(m => m.AddMeter(FeatureTogglesDiagnostics.MeterName))
///     .WithTracing(t => t.AddSource(FeatureTogglesDiagnostics.ActivitySourceName));
/// </code>
/// </example>
public static class FeatureTogglesDiagnostics
{
    /// <summary>
    /// The name of the activity source: store loads and changes, and gate checks in ASP.NET Core.
    /// </summary>
    public const string ActivitySourceName = "FeatureFlags";

    /// <summary>
    /// The name of the meter.
    /// </summary>
    public const string MeterName = "FeatureFlags";

    /// <summary>
    /// The counter of evaluations, tagged with <see cref="ToggleTag"/>, <see cref="ResultTag"/> and <see cref="ReasonTag"/>.
    /// </summary>
    public const string EvaluationsInstrument = "featureflags.evaluations";

    /// <summary>
    /// The counter of failed store operations, tagged with <see cref="OperationTag"/>.
    /// </summary>
    public const string StoreErrorsInstrument = "featureflags.store.errors";

    /// <summary>
    /// The histogram of seconds between a change being written to the store and this process applying it.
    /// </summary>
    public const string PropagationLagInstrument = "featureflags.propagation.lag";

    /// <summary>
    /// The name of the event added to the current activity for each evaluation, when the activity source is listened to.
    /// </summary>
    public const string EvaluationEvent = "feature_flag.evaluation";

    /// <summary>
    /// The tag holding a toggle's full name (OpenTelemetry's feature-flag convention).
    /// </summary>
    public const string ToggleTag = "feature_flag.key";

    /// <summary>
    /// The tag holding an evaluation's result, <see langword="true"/> or <see langword="false"/>.
    /// </summary>
    public const string ResultTag = "feature_flag.result.value";

    /// <summary>
    /// The tag holding the rule that decided an evaluation, a <see cref="ToggleReason"/> name.
    /// </summary>
    public const string ReasonTag = "feature_flag.result.reason";

    /// <summary>
    /// The tag holding the store operation that failed.
    /// </summary>
    public const string OperationTag = "featureflags.operation";
}
