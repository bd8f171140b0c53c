using Microsoft.Extensions.Logging;

namespace FeatureFlags;

/// <summary>
/// Source-generated log messages with stable event ids.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "The toggle store is unavailable ({Operation}); serving the last known toggle state, or code defaults where none is known. Further failures are not logged until it recovers.")]
    public static partial void StoreUnavailable(ILogger logger, string operation, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "The toggle store is available again after {Failures} failed attempts; toggle state is being refreshed.")]
    public static partial void StoreRecovered(ILogger logger, int failures);

    [LoggerMessage(3, LogLevel.Warning, "Stored value of '{Key}' is ignored and treated as unset: {Problem}")]
    public static partial void InvalidStoredValue(ILogger logger, string key, string problem);

    [LoggerMessage(4, LogLevel.Warning, "Configuration value '{Value}' of '{Key}' for setting toggle '{Toggle}' is not a boolean; the code default is used.")]
    public static partial void InvalidSettingValue(ILogger logger, string toggle, string key, string value);

    [LoggerMessage(5, LogLevel.Error, "Evaluating toggle '{Toggle}' failed; the code default is served. Further failures of this toggle are not logged.")]
    public static partial void EvaluationFailed(ILogger logger, string toggle, Exception exception);

    [LoggerMessage(6, LogLevel.Information, "Loaded {Count} stored toggle keys.")]
    public static partial void StateLoaded(ILogger logger, int count);

    [LoggerMessage(7, LogLevel.Warning, "The toggle store did not answer within {Timeout} at start-up; code defaults are served until it does.")]
    public static partial void StartupLoadTimedOut(ILogger logger, TimeSpan timeout);

    [LoggerMessage(8, LogLevel.Warning, "Actor '{Actor}' was refused a change to '{Toggle}': it requires one of the roles [{Roles}].")]
    public static partial void AccessDenied(ILogger logger, string actor, string toggle, string roles);

    [LoggerMessage(9, LogLevel.Information, "'{Actor}' changed '{Key}' to version {Version}. Reason: {Reason}")]
    public static partial void ToggleChanged(ILogger logger, string actor, string key, long version, string? reason);

    [LoggerMessage(10, LogLevel.Warning, "Stored value of '{Key}' is a {StoredKind} but the toggle is declared as a {DeclaredKind}; it is treated as unset.")]
    public static partial void KindMismatch(ILogger logger, string key, string storedKind, ToggleKind declaredKind);
}
