using Microsoft.Extensions.Logging;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Source-generated log messages of the ASP.NET Core integration, with stable event ids from 100.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "Request {Method} {Path} overrides toggles: {Overrides}")]
    public static partial void RequestOverridden(ILogger logger, string method, string path, string overrides);

    [LoggerMessage(101, LogLevel.Warning, "Request overrides are enabled but refused in the {Environment} environment, which is not in RequestOverrideEnvironments. Refused overrides are logged at Debug from now on.")]
    public static partial void OverridesRefusedInEnvironment(ILogger logger, string environment);

    [LoggerMessage(102, LogLevel.Debug, "Request {Method} {Path} asked to override toggles in an environment that does not allow it; refused.")]
    public static partial void OverrideRefused(ILogger logger, string method, string path);

    [LoggerMessage(103, LogLevel.Information, "Request {Method} {Path} sent an invalid toggle override: {Problem}")]
    public static partial void InvalidOverride(ILogger logger, string method, string path, string problem);

    [LoggerMessage(104, LogLevel.Debug, "Toggle gate '{Toggle}' (open while {Required}) closed {Method} {Path}.")]
    public static partial void GateClosed(ILogger logger, string toggle, string required, string method, string path);

    [LoggerMessage(105, LogLevel.Warning, "Admin request by '{Actor}' to {Method} {Path} failed: {Problem}")]
    public static partial void AdminRequestFailed(ILogger logger, string actor, string method, string path, string problem);
}
