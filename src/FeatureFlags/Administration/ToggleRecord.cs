namespace FeatureFlags;

/// <summary>
/// One stored key and its value, as held by a store (<see cref="Storage.IToggleStore"/>) and returned by
/// <see cref="IToggleAdmin"/> writes.
/// </summary>
/// <param name="Key">The key: a toggle's full name, or <c>{full name}/{site|course|org}/{subject}</c> for an override.</param>
/// <param name="Value">The value as JSON.</param>
/// <param name="Version">
/// The store-wide change sequence number of the last write. It grows with every write to any key and never repeats,
/// so it orders changes and detects stale writes.
/// </param>
/// <param name="CreatedAt">When the key was first written.</param>
/// <param name="ModifiedAt">When the key was last written.</param>
/// <param name="ModifiedBy">Who last wrote the key.</param>
public sealed record ToggleRecord(string Key, string Value, long Version, DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt, string ModifiedBy);
