namespace FeatureFlags.Cli;

/// <summary>
/// The exit codes of <c>toggles</c>. Failures map from <see cref="ToggleErrorCode"/> once (<see cref="For"/>), in step with
/// the HTTP status codes of the admin API: 4xx request problems are <see cref="Usage"/>, 403/409 refusals are
/// <see cref="Findings"/>, 503 is <see cref="Connection"/> and 500 is <see cref="Unexpected"/>.
/// </summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>
    /// Lint findings at the chosen severity, or a change refused as it stands: a missing editor role (HTTP 403), a stale
    /// <c>--expect-version</c> or a concurrent change (HTTP 409/412), a refused delete or manifest (HTTP 409).
    /// Nothing was written.
    /// </summary>
    public const int Findings = 1;

    /// <summary>
    /// Bad command line or bad input (HTTP 400, 404, 413): unknown command, option or toggle, malformed value, an import
    /// document with invalid entries, or a file of the tool's own (<c>--assembly</c>, an export or import file, a
    /// manifest) that cannot be read or written. Nothing was written.
    /// </summary>
    public const int Usage = 2;

    /// <summary>
    /// The store cannot be used (HTTP 503): missing (a <c>--sqlite</c> file that does not exist, a database without the
    /// toggle schema), unreachable, locked or refusing the credentials. Nothing was written.
    /// </summary>
    public const int Connection = 3;

    /// <summary>An unexpected failure (HTTP 500), most likely a bug; <c>--verbose</c> prints the stack trace.</summary>
    public const int Unexpected = 4;

    /// <summary>
    /// Returns the exit code of an error code, the command line's side of the one error model.
    /// </summary>
    /// <param name="code">The error code (see <see cref="ToggleErrors.Classify"/>), or <see langword="null"/> for an unexpected failure.</param>
    /// <returns>The exit code.</returns>
    public static int For(ToggleErrorCode? code) => code switch
    {
        ToggleErrorCode.InvalidRequest or ToggleErrorCode.NotFound or ToggleErrorCode.TooLarge => Usage,
        ToggleErrorCode.AccessDenied or ToggleErrorCode.Conflict or ToggleErrorCode.Refused => Findings,
        ToggleErrorCode.StoreUnavailable => Connection,
        _ => Unexpected,
    };
}
