namespace FeatureFlags;

/// <summary>
/// The base of the exceptions that administrative operations throw on purpose. <see cref="Code"/> says what kind of
/// failure it is, so every surface maps failures the same way (see <see cref="ToggleErrors.Classify"/>).
/// </summary>
public class ToggleException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ToggleException"/> class.</summary>
    /// <param name="code">What went wrong.</param>
    /// <param name="message">The message, naming the toggle or key and the problem.</param>
    /// <param name="key">The toggle or store key concerned, if any.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ToggleException(ToggleErrorCode code, string message, string? key = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Key = key;
    }

    /// <summary>Initializes a new instance of the <see cref="ToggleException"/> class.</summary>
    public ToggleException()
        : this(ToggleErrorCode.InvalidRequest, "The toggle operation failed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ToggleException"/> class.</summary>
    /// <param name="message">The message.</param>
    public ToggleException(string message)
        : this(ToggleErrorCode.InvalidRequest, message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ToggleException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ToggleException(string message, Exception innerException)
        : this(ToggleErrorCode.InvalidRequest, message, null, innerException)
    {
    }

    /// <summary>Gets what went wrong.</summary>
    public ToggleErrorCode Code { get; }

    /// <summary>Gets the toggle or store key concerned, or <see langword="null"/>.</summary>
    public string? Key { get; }
}
