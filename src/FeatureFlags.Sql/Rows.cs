
namespace FeatureFlags.Sql;

/// <summary>A row of <c>ff_state</c> to write; times are Unix milliseconds. Rows are read by <see cref="StateRowReader"/>.</summary>
internal sealed class StateRow
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";

    public long Version { get; set; }

    public long CreatedAt { get; set; }

    public long ModifiedAt { get; set; }

    public string ModifiedBy { get; set; } = "";

    public static StateRow From(ToggleRecord record) => new()
    {
        Key = record.Key,
        Value = record.Value,
        Version = record.Version,
        CreatedAt = record.CreatedAt.ToUnixTimeMilliseconds(),
        ModifiedAt = record.ModifiedAt.ToUnixTimeMilliseconds(),
        ModifiedBy = record.ModifiedBy,
    };
}

/// <summary>A row of <c>ff_audit</c>.</summary>
internal sealed class AuditRow
{
    public string Key { get; set; } = "";

    public string Action { get; set; } = "";

    public string? Before { get; set; }

    public string? After { get; set; }

    public string Actor { get; set; } = "";

    public string? Reason { get; set; }

    public long At { get; set; }

    public long Version { get; set; }

    public ToggleAuditEntry ToEntry() => new(
        Key,
        Enum.Parse<ToggleAuditAction>(Action),
        Before,
        After,
        Actor,
        Reason,
        DateTimeOffset.FromUnixTimeMilliseconds(At),
        Version);
}
