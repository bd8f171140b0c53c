using Microsoft.Extensions.Logging;

namespace FeatureFlags.Sql;

/// <summary>
/// Source-generated log messages of the SQL stores, with stable event ids (200 and up; the core package uses 1–99 and
/// ASP.NET Core 100–199).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 200, EventName = "UnreadableRow", Level = LogLevel.Warning, Message = "The stored row of '{Key}' cannot be read and is skipped, as if the key were unset: {Problem}. Other toggles load normally; repair or delete the row in the database.")]
    public static partial void UnreadableRow(ILogger logger, string key, string problem);

    [LoggerMessage(EventId = 201, EventName = "SqliteFileMissing", Level = LogLevel.Warning, Message = "The SQLite toggle database '{Path}' is missing; writes fail and the last known toggle state is served until a database file is there again.")]
    public static partial void SqliteFileMissing(ILogger logger, string path);

    [LoggerMessage(EventId = 202, EventName = "SqliteFileReplaced", Level = LogLevel.Warning, Message = "The SQLite toggle database '{Path}' was replaced by another file; connections to the old file were dropped and toggle state is reloaded from the new one.")]
    public static partial void SqliteFileReplaced(ILogger logger, string path);

    // Warning for the first of a run, Debug for the rest until a readable one arrives (anyone who may connect can NOTIFY).
    [LoggerMessage(EventId = 203, EventName = "UnreadableNotification", Message = "A change notification on channel '{Channel}' cannot be read and is ignored: {Problem}. Changes are still picked up from the store; a notification no instance can read may come from a process that does not share this database's notification key, or from a role forging one.")]
    public static partial void UnreadableNotification(ILogger logger, LogLevel level, string channel, string problem);
}
