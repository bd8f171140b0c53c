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
    /// Returns the strong entity tag of a body: a 64-bit hash of its bytes in hexadecimal, quoted. The same
    /// body gives the same tag in every process, so revalidation works behind a load balancer; no package is needed.
    /// </summary>
    public static string ETag(ReadOnlySpan<byte> body) => string.Create(18, Hash64(body), static (chars, hash) =>
    {
        chars[0] = '"';
        hash.TryFormat(chars[1..], out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
        chars[17] = '"';
    });

    /// <summary>
    /// A 64-bit hash of the body, eight bytes a step (a multiply-xorshift mix, finished like MurmurHash3's fmix64):
    /// the body is written by the server, so the tag only needs to change when the body does, and fast.
    /// </summary>
    private static ulong Hash64(ReadOnlySpan<byte> bytes)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15UL;
        var hash = 0x27D4EB2F165667C5UL ^ (ulong)bytes.Length;
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (var word in words)
        {
            hash = (hash ^ word) * Multiplier;
            hash ^= hash >> 29;
        }

        foreach (var b in bytes[(words.Length * sizeof(ulong))..])
        {
            hash = (hash ^ b) * Multiplier;
        }

        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCDUL;
        hash ^= hash >> 33;
        hash *= 0xC4CEB9FE1A85EC53UL;
        return hash ^ (hash >> 33);
    }

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
