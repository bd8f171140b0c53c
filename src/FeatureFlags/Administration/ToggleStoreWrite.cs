namespace FeatureFlags;

/// <summary>
/// One write of a batch (<see cref="IToggleAdmin.ApplyAsync"/>, <see cref="Storage.IToggleStore.WriteBatchAsync"/>): set a
/// key to a value, or delete it, if its stored version is still <see cref="ExpectedVersion"/>.
/// </summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The new value (a JSON document), or <see langword="null"/> to delete the key.</param>
/// <param name="ExpectedVersion">The version the caller read, or 0 when it expects the key to be absent.</param>
public sealed record ToggleStoreWrite(string Key, string? Value, long ExpectedVersion)
{
    /// <summary>Gets a value indicating whether this write deletes the key.</summary>
    public bool IsDelete => Value is null;
}
