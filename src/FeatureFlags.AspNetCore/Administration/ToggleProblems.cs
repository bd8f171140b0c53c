using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// The HTTP side of the one error model: each <see cref="ToggleErrorCode"/> maps to one status code and title, as RFC 7807
/// problem details. The admin API answers through it, and the dashboard takes its status codes from it.
/// </summary>
internal static class ToggleProblems
{
    /// <summary>How long a client should wait before retrying while the store is unavailable, in seconds.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>Returns the HTTP status code of an error code.</summary>
    public static int StatusCode(ToggleErrorCode code) => code switch
    {
        ToggleErrorCode.InvalidRequest => StatusCodes.Status400BadRequest,
        ToggleErrorCode.NotFound => StatusCodes.Status404NotFound,
        ToggleErrorCode.AccessDenied => StatusCodes.Status403Forbidden,
        ToggleErrorCode.Conflict => StatusCodes.Status409Conflict,
        ToggleErrorCode.Refused => StatusCodes.Status409Conflict,
        ToggleErrorCode.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ToggleErrorCode.StoreUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>Returns the problem title of an error code.</summary>
    public static string Title(ToggleErrorCode code) => code switch
    {
        ToggleErrorCode.InvalidRequest => "Invalid toggle request",
        ToggleErrorCode.NotFound => "Not found",
        ToggleErrorCode.AccessDenied => "Missing editor role",
        ToggleErrorCode.Conflict => "Concurrent change",
        ToggleErrorCode.Refused => "Change refused",
        ToggleErrorCode.TooLarge => "Request too large",
        ToggleErrorCode.StoreUnavailable => "Toggle store unavailable",
        _ => "Toggle request failed",
    };

    /// <summary>
    /// Returns the problem for a failure; a store that is unavailable also gets <c>Retry-After</c>.
    /// </summary>
    public static ProblemHttpResult From(HttpContext httpContext, ToggleErrorCode code, Exception exception)
    {
        var detail = code == ToggleErrorCode.StoreUnavailable
            ? $"The toggle store cannot be used right now ({exception.Message}). Nothing was changed; retry in a few seconds."
            : ToggleErrors.Message(exception);
        return Problem(httpContext, code, detail);
    }

    /// <summary>Returns the problem for an error code with the given detail.</summary>
    public static ProblemHttpResult Problem(HttpContext httpContext, ToggleErrorCode code, string detail, IDictionary<string, object?>? extensions = null)
    {
        if (code == ToggleErrorCode.StoreUnavailable)
        {
            httpContext.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var all = new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code.ToString() };
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                all[key] = value;
            }
        }

        return TypedResults.Problem(title: Title(code), detail: detail, statusCode: StatusCode(code), extensions: all);
    }
}
