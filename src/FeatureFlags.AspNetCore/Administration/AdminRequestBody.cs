using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Reads admin request bodies strictly: at most <see cref="FeatureTogglesHttpOptions.MaxAdminRequestBodySize"/> bytes,
/// no property the request type does not have (a misspelled <c>percentage</c> must not silently store empty rules),
/// and no property twice.
/// </summary>
internal static class AdminRequestBody
{
    public static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        PropertyNameCaseInsensitive = false,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>
    /// Reads the body as text, refusing one larger than <paramref name="maxBytes"/> with <see cref="ToggleErrorCode.TooLarge"/>.
    /// </summary>
    public static async Task<string> ReadTextAsync(HttpContext httpContext, long maxBytes, CancellationToken cancellationToken)
    {
        var request = httpContext.Request;
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(request.ContentLength.Value, maxBytes);
        }

        // Content-Length may be absent (chunked) or wrong: count what is actually read, one byte past the limit at most.
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(buffer.Length + read, maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Reads and deserialises the body; a malformed body, an unknown or a repeated property is
    /// <see cref="ToggleErrorCode.InvalidRequest"/> with a message naming it.
    /// </summary>
    public static async Task<T> ReadAsync<T>(HttpContext httpContext, long maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        var text = await ReadTextAsync(httpContext, maxBytes, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ToggleException(ToggleErrorCode.InvalidRequest, "The request needs a JSON body.");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, Strict)
                ?? throw new ToggleException(ToggleErrorCode.InvalidRequest, "The request body must be a JSON object, not null.");
        }
        catch (JsonException ex)
        {
            throw new ToggleException(ToggleErrorCode.InvalidRequest, $"The request body is not accepted: {Describe(ex)}", null, ex);
        }
    }

    private static string Describe(JsonException exception)
    {
        var where = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? string.Empty : $" (at {exception.Path})";
        var message = exception.Message.Split(" Path:", 2)[0];

        // The serializer names the .NET type an unknown property was meant for; the client only needs the property.
        if (message.Contains("could not be mapped", StringComparison.Ordinal) && message.Split('\'') is { Length: >= 3 } parts)
        {
            return $"unknown property '{parts[1]}'{where}";
        }

        return message + where;
    }

    private static ToggleException TooLarge(long size, long maxBytes)
        => new(ToggleErrorCode.TooLarge, $"The request body is {size} bytes or more; admin requests may be at most {maxBytes} bytes (FeatureTogglesHttpOptions.MaxAdminRequestBodySize).");
}
