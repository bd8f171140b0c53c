namespace FeatureFlags.Storage;

/// <summary>
/// When one store key was first and last written or deleted, read from its audit rows.
/// </summary>
/// <param name="Key">The store key: a toggle's full name or one of its override keys.</param>
/// <param name="FirstModified">The time of the key's oldest audit row.</param>
/// <param name="LastModified">The time of the key's newest audit row.</param>
public sealed record ToggleModifiedTimes(string Key, DateTimeOffset FirstModified, DateTimeOffset LastModified);
