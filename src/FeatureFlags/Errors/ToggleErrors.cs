using System.Data.Common;
using System.Net.Sockets;
using System.Text.Json;

namespace FeatureFlags;

/// <summary>
/// The one mapping from exceptions to <see cref="ToggleErrorCode"/>, shared by every surface (HTTP API, dashboard, CLI)
/// so the same failure is reported the same way everywhere.
/// </summary>
public static class ToggleErrors
{
    /// <summary>
    /// Returns the error code of an exception thrown by an administrative operation.
    /// </summary>
    /// <param name="exception">The exception.</param>
    /// <returns>
    /// The exception's own code for a <see cref="ToggleException"/>; <see cref="ToggleErrorCode.InvalidRequest"/> for
    /// argument, format and JSON errors; <see cref="ToggleErrorCode.StoreUnavailable"/> for database, network and
    /// timeout errors; otherwise <see langword="null"/> (an unexpected failure).
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is <see langword="null"/>.</exception>
    public static ToggleErrorCode? Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            ToggleException toggle => toggle.Code,
            ArgumentException or FormatException or JsonException => ToggleErrorCode.InvalidRequest,
            KeyNotFoundException => ToggleErrorCode.NotFound,
            DbException or SocketException or TimeoutException => ToggleErrorCode.StoreUnavailable,
            OperationCanceledException => null,
            _ when exception.InnerException is { } inner => Classify(inner) is ToggleErrorCode.StoreUnavailable ? ToggleErrorCode.StoreUnavailable : null,
            _ => null,
        };
    }

    /// <summary>
    /// Returns the code that decides how a refused batch is reported: the most serious error among
    /// <paramref name="problems"/> (store unavailable, then access denied, conflict, refused, too large, not found, invalid
    /// request), or <see langword="null"/> when none is an error.
    /// </summary>
    /// <param name="problems">The problems of a batch or an import.</param>
    /// <returns>The code, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="problems"/> is <see langword="null"/>.</exception>
    public static ToggleErrorCode? Worst(IEnumerable<ToggleImportProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ToggleErrorCode? worst = null;
        foreach (var problem in problems)
        {
            if (problem.Severity != ToggleLintSeverity.Error)
            {
                continue;
            }

            var code = problem.Code ?? ToggleErrorCode.InvalidRequest;
            if (worst is null || Rank(code) < Rank(worst.Value))
            {
                worst = code;
            }
        }

        return worst;
    }

    private static int Rank(ToggleErrorCode code) => code switch
    {
        ToggleErrorCode.StoreUnavailable => 0,
        ToggleErrorCode.AccessDenied => 1,
        ToggleErrorCode.Conflict => 2,
        ToggleErrorCode.Refused => 3,
        ToggleErrorCode.TooLarge => 4,
        ToggleErrorCode.NotFound => 5,
        _ => 6,
    };

    /// <summary>
    /// Returns the message of an exception as an operator should read it: for an <see cref="ArgumentException"/>,
    /// without the " (Parameter 'x')" suffix, which names a code parameter the operator never saw.
    /// </summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is <see langword="null"/>.</exception>
    public static string Message(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is ArgumentException { ParamName: { } name }
            ? exception.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
            : exception.Message;
    }
}
