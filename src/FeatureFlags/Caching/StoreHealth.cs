using Microsoft.Extensions.Logging;

namespace FeatureFlags;

/// <summary>
/// Tracks whether the store answers, and logs one warning per outage and one message when it recovers.
/// </summary>
internal sealed class StoreHealth(ILogger logger, ToggleTelemetry telemetry)
{
    private int _failures;

    public bool IsHealthy => Volatile.Read(ref _failures) == 0;

    public int ConsecutiveFailures => Volatile.Read(ref _failures);

    public void ReportFailure(string operation, Exception exception)
    {
        telemetry.StoreFailed(operation);
        if (Interlocked.Increment(ref _failures) == 1)
        {
            Log.StoreUnavailable(logger, operation, exception);
        }
    }

    public void ReportSuccess()
    {
        var failures = Interlocked.Exchange(ref _failures, 0);
        if (failures > 0)
        {
            Log.StoreRecovered(logger, failures);
        }
    }
}
