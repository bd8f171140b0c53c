using System.Data.Common;
using System.Text;

namespace FeatureFlags.Cli.Tests;

/// <summary>Direct access to the store's rows: snapshots to prove that a refused command changed nothing, and planted audit rows.</summary>
public abstract partial class CliContractTests
{
    /// <summary>Returns every state, audit and meta row as text; equal snapshots mean nothing was written.</summary>
    protected async Task<string> SnapshotAsync(string[] store)
    {
        await using var connection = Connect(store);
        await connection.OpenAsync();
        var text = new StringBuilder();
        foreach (var sql in new[]
        {
            "SELECT key, value, version FROM ff_state ORDER BY key",
            "SELECT version, key, action, actor, reason FROM ff_audit ORDER BY version",
            "SELECT name, value FROM ff_meta ORDER BY name",
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.GetValue(i)).Append(" | ");
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Plants an audit row as an older version, another tool or a direct database edit could have left it: the admin
    /// layer now refuses such text, but what is already stored must still print safely.
    /// </summary>
    protected async Task InsertAuditRowAsync(string[] store, long version, string key, string actor, string? reason)
    {
        await using var connection = Connect(store);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO ff_audit (version, key, action, before_value, after_value, actor, reason, at) VALUES (@version, @key, 'Updated', NULL, NULL, @actor, @reason, @at)";
        Add(command, "version", version);
        Add(command, "key", key);
        Add(command, "actor", actor);
        Add(command, "reason", (object?)reason ?? DBNull.Value);
        Add(command, "at", 1_780_000_000_000L);
        await command.ExecuteNonQueryAsync();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
