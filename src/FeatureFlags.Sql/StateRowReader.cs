using System.Data.Common;

namespace FeatureFlags.Sql;

/// <summary>
/// Reads <c>ff_state</c> rows one at a time, so that a row whose columns do not hold what the schema promises (a time
/// stored as text in SQLite, which does not enforce column types, or one out of range on any database) fails alone
/// instead of the whole result, as a mapper that converts the result in one go would.
/// </summary>
internal static class StateRowReader
{
    /// <summary>The columns <see cref="TryRead"/> expects, in order.</summary>
    public const string Columns = "key, value, version, created_at, modified_at, modified_by";

    /// <summary>
    /// Converts the reader's current row, or returns the row's key (when readable) and what is wrong with it.
    /// </summary>
    public static bool TryRead(DbDataReader reader, out ToggleRecord? record, out string key, out string? problem)
    {
        record = null;
        problem = null;
        var readKey = reader.GetFieldType(0) == typeof(string) ? reader.GetString(0) : null;
        key = readKey ?? "(unreadable key)";
        try
        {
            record = new ToggleRecord(
                readKey ?? Text(reader, 0, "key"),
                Text(reader, 1, "value"),
                Integer(reader, 2, "version"),
                Time(reader, 3, "created_at"),
                Time(reader, 4, "modified_at"),
                Text(reader, 5, "modified_by"));
            return true;
        }
        catch (FormatException ex)
        {
            problem = ex.Message;
            return false;
        }
    }

    // The field type is the value's own (SQLite reports each value's storage class), so the typed getter below reads
    // it without boxing; anything else is reported, not converted.
    private static string Text(DbDataReader reader, int ordinal, string column)
        => reader.GetFieldType(ordinal) == typeof(string) && !reader.IsDBNull(ordinal)
            ? reader.GetString(ordinal)
            : throw new FormatException($"column {column} is not text ({Describe(reader.GetValue(ordinal))})");

    // Exact types only: a lenient getter (SQLite's GetInt64 reads the text 'garbage' as 0) would turn a damaged row
    // into a plausible wrong one.
    private static long Integer(DbDataReader reader, int ordinal, string column)
        => reader.GetFieldType(ordinal) == typeof(long) && !reader.IsDBNull(ordinal) ? reader.GetInt64(ordinal) : BoxedInteger(reader, ordinal, column);

    private static long BoxedInteger(DbDataReader reader, int ordinal, string column) => reader.GetValue(ordinal) switch
    {
        long value => value,
        int value => value,
        short value => value,
        var other => throw new FormatException($"column {column} is not an integer ({Describe(other)})"),
    };

    private static DateTimeOffset Time(DbDataReader reader, int ordinal, string column)
    {
        var milliseconds = Integer(reader, ordinal, column);
        try
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new FormatException($"column {column} is not a time: {milliseconds} is out of range");
        }
    }

    private static string Describe(object value) => value switch
    {
        DBNull => "null",
        string text => $"'{(text.Length > 40 ? text[..40] + "…" : text)}'",
        _ => $"{value.GetType().Name} {value}",
    };
}
