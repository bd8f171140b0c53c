namespace FeatureFlags.Cli;

/// <summary>
/// A command-line mistake, or a file of the tool's own that cannot be read or written: reported on one line with exit
/// code 2, through the same mapping as every other failure (it is an <see cref="ToggleErrorCode.InvalidRequest"/>).
/// </summary>
internal sealed class UsageException(string message, Exception? innerException = null)
    : ToggleException(ToggleErrorCode.InvalidRequest, message, null, innerException);
