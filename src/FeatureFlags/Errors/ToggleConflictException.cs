namespace FeatureFlags;

/// <summary>
/// Thrown when a write names a version that is no longer the stored one: someone else changed the key first.
/// Nothing was written. Read the key again and retry the change if it still applies.
/// </summary>
public sealed class ToggleConflictException : ToggleException
{
    /// <summary>
    /// Initializes a new instance of the <see cref="ToggleConflictException"/> class.
    /// </summary>
    /// <param name="key">The key whose write was refused.</param>
    /// <param name="expectedVersion">The version the writer expected (0 for "absent").</param>
    /// <param name="actualVersion">The version found (0 for "absent").</param>
    public ToggleConflictException(string key, long expectedVersion, long actualVersion)
        : base(ToggleErrorCode.Conflict, $"Conflict writing '{key}': expected version {Describe(expectedVersion)} but the store has {Describe(actualVersion)}. Nothing was changed; read it again and retry.", key)
    {
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>Initializes a new instance of the <see cref="ToggleConflictException"/> class.</summary>
    public ToggleConflictException()
        : this("?", 0, 0)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ToggleConflictException"/> class.</summary>
    /// <param name="message">The message.</param>
    public ToggleConflictException(string message)
        : base(ToggleErrorCode.Conflict, message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ToggleConflictException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ToggleConflictException(string message, Exception innerException)
        : base(ToggleErrorCode.Conflict, message, null, innerException)
    {
    }


    /// <summary>Gets the version the writer expected; 0 means the writer expected the key to be absent.</summary>
    public long ExpectedVersion { get; }

    /// <summary>Gets the version found in the store; 0 means the key was absent.</summary>
    public long ActualVersion { get; }

    private static string Describe(long version) => version == 0 ? "absent" : version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
