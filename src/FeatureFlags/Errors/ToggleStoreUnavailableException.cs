namespace FeatureFlags;

/// <summary>
/// Thrown when the toggle store cannot serve a read or a write right now: unreachable, locked, or (for SQLite) its
/// file is missing or was replaced. Nothing was written. Retrying later may succeed.
/// </summary>
public sealed class ToggleStoreUnavailableException : ToggleException
{
    /// <summary>Initializes a new instance of the <see cref="ToggleStoreUnavailableException"/> class.</summary>
    /// <param name="message">What is unavailable and why.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ToggleStoreUnavailableException(string message, Exception? innerException)
        : base(ToggleErrorCode.StoreUnavailable, message, null, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ToggleStoreUnavailableException"/> class.</summary>
    public ToggleStoreUnavailableException()
        : this("The toggle store is unavailable.", null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ToggleStoreUnavailableException"/> class.</summary>
    /// <param name="message">What is unavailable and why.</param>
    public ToggleStoreUnavailableException(string message)
        : this(message, null)
    {
    }
}
