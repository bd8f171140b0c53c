using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Optimistic concurrency over HTTP: a toggle's state is read with its version as a strong <c>ETag</c>
/// (<c>"0"</c> while nothing is stored), and writes name the version they were based on in <c>If-Match</c>.
/// </summary>
internal static class AdminPreconditions
{
    /// <summary>Returns the entity tag of a stored version.</summary>
    public static string ETag(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>Sets the <c>ETag</c> response header.</summary>
    public static void SetETag(HttpContext httpContext, long version)
        => httpContext.Response.Headers[HeaderNames.ETag] = ETag(version);

    /// <summary>
    /// Reads <c>If-Match</c>: the version the client read, <see langword="null"/> for <c>*</c> or an absent header when
    /// that is allowed. An absent header where it is required is refused, so a client cannot overwrite a change it
    /// never saw by forgetting the header.
    /// </summary>
    /// <returns><see langword="true"/> when the request carried a version.</returns>
    public static bool TryReadExpectedVersion(HttpContext httpContext, bool required, out long? expectedVersion)
    {
        expectedVersion = null;
        var values = httpContext.Request.Headers.IfMatch;
        if (values.Count == 0)
        {
            if (required)
            {
                throw new PreconditionRequiredException(
                    "This write needs an If-Match header with the ETag of the state it changes (read it with GET first; \"0\" when nothing is stored, * to overwrite whatever is there).");
            }

            return false;
        }

        var value = values.ToString().Trim();
        if (value == "*")
        {
            return false;
        }

        if (value.Length < 3 || value[0] != '"' || value[^1] != '"'
            || !long.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new ToggleException(ToggleErrorCode.InvalidRequest, $"If-Match '{value}' is not one strong ETag of this API, such as \"42\".");
        }

        expectedVersion = version;
        return true;
    }

    /// <summary>Thrown when a write that must name the version it was based on does not (HTTP 428).</summary>
    internal sealed class PreconditionRequiredException(string message) : ToggleException(ToggleErrorCode.InvalidRequest, message);

    /// <summary>Returns the version of a record, 0 when absent.</summary>
    public static long VersionOf(ToggleRecord? record) => record?.Version ?? 0;
}
