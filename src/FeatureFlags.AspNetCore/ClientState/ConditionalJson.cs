using System.IO.Hashing;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Sends a JSON body that a client may revalidate: a strong <c>ETag</c> hashed from the bytes (so two instances, or
/// two users, with the same answer give the same tag) and <c>304 Not Modified</c> when <c>If-None-Match</c> names it.
/// </summary>
internal static class ConditionalJson
{
    /// <summary>Per user and revalidated on every use: a browser may keep it, never serve it unasked.</summary>
    public const string RevalidateCacheControl = "private, no-cache";

    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>
    /// Returns the strong entity tag of a body: its 64-bit XxHash3 in hexadecimal, quoted.
    /// </summary>
    public static string ETag(ReadOnlySpan<byte> body) => string.Create(18, XxHash3.HashToUInt64(body), static (chars, hash) =>
    {
        chars[0] = '"';
        hash.TryFormat(chars[1..], out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
        chars[17] = '"';
    });

    /// <summary>
    /// Returns whether the request's <c>If-None-Match</c> names <paramref name="etag"/> (or is <c>*</c>); weak comparison, as
    /// RFC 9110 asks for this header.
    /// </summary>
    public static bool Matches(HttpRequest request, string etag)
    {
        if (request.Headers.IfNoneMatch.Count == 0)
        {
            return false;
        }

        var ours = new EntityTagHeaderValue(etag);
        foreach (var tag in request.GetTypedHeaders().IfNoneMatch)
        {
            if (tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(ours, useStrongComparison: false))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Writes <paramref name="body"/> with its <c>ETag</c> and <see cref="RevalidateCacheControl"/>, or only the headers with
    /// 304 when the client already has it.
    /// </summary>
    public static Task WriteRevalidatableAsync(HttpContext httpContext, PooledBufferWriter body)
    {
        var response = httpContext.Response;
        var etag = ETag(body.WrittenSpan);
        response.Headers.ETag = etag;
        response.Headers.CacheControl = RevalidateCacheControl;
        if (Matches(httpContext.Request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        return WriteAsync(httpContext, body, StatusCodes.Status200OK);
    }

    /// <summary>
    /// Writes <paramref name="body"/> as JSON with a status.
    /// </summary>
    public static Task WriteAsync(HttpContext httpContext, PooledBufferWriter body, int statusCode)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        response.ContentLength = body.WrittenCount;
        return response.Body.WriteAsync(body.WrittenMemory, httpContext.RequestAborted).AsTask();
    }
}
