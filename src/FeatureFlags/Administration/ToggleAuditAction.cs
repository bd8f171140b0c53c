namespace FeatureFlags;

/// <summary>
/// What a write did to a key.
/// </summary>
public enum ToggleAuditAction
{
    /// <summary>The key did not exist and was written.</summary>
    Created,

    /// <summary>The key's value was replaced.</summary>
    Updated,

    /// <summary>The key was removed.</summary>
    Deleted,
}
