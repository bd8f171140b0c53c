using Microsoft.Extensions.Logging;

namespace FeatureFlags;

// Custom rules and configuration overrides: event ids 41 to 49.
internal static partial class Log
{
    [LoggerMessage(41, LogLevel.Warning, "Flag '{Toggle}' references custom rule '{Rule}', which is not registered (AddToggleRule); the rule never matches.")]
    public static partial void CustomRuleNotRegistered(ILogger logger, string toggle, string rule);

    [LoggerMessage(42, LogLevel.Warning, "Custom rule '{Rule}' of flag '{Toggle}' refused its stored parameters ({Problem}); the rule never matches.")]
    public static partial void CustomRuleInvalidParameters(ILogger logger, string rule, string toggle, string problem);

    [LoggerMessage(43, LogLevel.Error, "Custom rule '{Rule}' of flag '{Toggle}' threw; it counts as no match. Further failures of this rule are not logged until the flag's state changes.")]
    public static partial void CustomRuleFailed(ILogger logger, string rule, string toggle, Exception exception);

    [LoggerMessage(44, LogLevel.Warning, "Configuration override '{Key}' is ignored: {Problem}")]
    public static partial void ConfigurationOverrideIgnored(ILogger logger, string key, string problem);

    [LoggerMessage(45, LogLevel.Information, "'{Toggle}' is forced by configuration: {Detail}.")]
    public static partial void ConfigurationOverrideApplied(ILogger logger, string toggle, string detail);
}
