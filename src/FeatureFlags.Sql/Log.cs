using Microsoft.Extensions.Logging;

namespace FeatureFlags.Sql;

/// <summary>
/// Source-generated log messages of the SQL stores, with stable event ids (200 and up; the core package uses 1–99 and
/// ASP.NET Core 100–199).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(200, LogLevel.Warning, "The stored row of '{Key}' cannot be read and is skipped, as if the key were unset: {Problem}. Other toggles load normally; repair or delete the row in the database.")]
    public static partial void UnreadableRow(ILogger logger, string key, string problem);
}
