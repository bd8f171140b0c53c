using Dapper;
using FeatureFlags.Storage;

namespace FeatureFlags.Sql;

// First and last modified times for reports: one aggregate over the audit, served by ix_ff_audit_key_at.
public abstract partial class SqlToggleStore
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ToggleModifiedTimes>> GetModifiedTimesAsync(string? toggleKey = null, CancellationToken cancellationToken = default)
    {
        if (toggleKey is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(toggleKey);
        }

        var where = toggleKey is null ? string.Empty : " WHERE " + ToggleKeysSql;
        return await ReadAsync(async (connection, ct) =>
        {
            var rows = await connection.QueryAsync<(string Key, long First, long Last)>(new CommandDefinition(
                $"SELECT key, MIN(at), MAX(at) FROM ff_audit{where} GROUP BY key",
                toggleKey is null ? null : ToggleKeysParameters(toggleKey),
                cancellationToken: ct)).ConfigureAwait(false);
            return (IReadOnlyList<ToggleModifiedTimes>)[.. rows.Select(r => new ToggleModifiedTimes(
                r.Key, DateTimeOffset.FromUnixTimeMilliseconds(r.First), DateTimeOffset.FromUnixTimeMilliseconds(r.Last)))];
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gets the condition selecting a toggle's audit rows (parameters from <see cref="ToggleKeysParameters"/>): the key
    /// <c>@Key</c> and every key under <c>@Prefix</c>. The ordinal range [<c>@Key</c>, <c>@KeyEnd</c>) holds all of them
    /// ('/' sorts just before '0') and lets the database read them from the key index instead of scanning the audit;
    /// the exact test then drops other toggles' keys that fall in the range.
    /// </summary>
    private string ToggleKeysSql
        => $"{OrdinalKeySql} >= @Key AND {OrdinalKeySql} < @KeyEnd AND (key = @Key OR {StartsWithPrefixSql})";

    private static DynamicParameters ToggleKeysParameters(string toggleKey, long? before = null, int? limit = null)
    {
        var parameters = new DynamicParameters(new { Key = toggleKey, KeyEnd = toggleKey + "0", Prefix = ToggleKeys.OverridePrefix(toggleKey) });
        if (before is not null)
        {
            parameters.Add("Before", before.Value);
            parameters.Add("Limit", limit);
        }

        return parameters;
    }
}
