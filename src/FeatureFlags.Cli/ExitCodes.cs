namespace FeatureFlags.Cli;

/// <summary>
/// The exit codes of <c>toggles</c>.
/// </summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Lint findings at the chosen severity, a write conflict, a refused change or a refused delete.</summary>
    public const int Findings = 1;

    /// <summary>Bad command line or bad input: unknown command or toggle, malformed value.</summary>
    public const int Usage = 2;

    /// <summary>The store could not be reached: missing, unreachable or refusing the credentials.</summary>
    public const int Connection = 3;
}
