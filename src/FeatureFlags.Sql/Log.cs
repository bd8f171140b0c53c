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

    [LoggerMessage(201, LogLevel.Warning, "The SQLite toggle database '{Path}' is missing; writes fail and the last known toggle state is served until a database file is there again.")]
    public static partial void SqliteFileMissing(ILogger logger, string path);

    [LoggerMessage(202, LogLevel.Warning, "The SQLite toggle database '{Path}' was replaced by another file; connections to the old file were dropped and toggle state is reloaded from the new one.")]
    public static partial void SqliteFileReplaced(ILogger logger, string path);
}
