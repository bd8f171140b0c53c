using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// The two OFREP evaluation endpoints of one mapping.
/// </summary>
internal sealed class OfrepEndpoint(OpenFeatureEvaluationOptions options)
{
    private const string KeyRouteValue = "key";

    /// <summary>
    /// The answers are <c>application/json</c> API responses, never embedded in HTML, so only what JSON itself requires
    /// is escaped: details quote names (<c>'Acme'</c>), and escaping every quote as <c>'</c> took the slow path.
    /// The writer's output is well-formed by construction, so validation is skipped.
    /// </summary>
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };
    private volatile Exposed? _exposed;

    /// <summary><c>POST .../ofrep/v1/evaluate/flags/{key}</c>: 200 with the evaluation, 404 <c>FLAG_NOT_FOUND</c>, 400 <c>INVALID_CONTEXT</c>.</summary>
    public async Task EvaluateFlagAsync(HttpContext httpContext)
    {
        var key = httpContext.GetRouteValue(KeyRouteValue) as string ?? string.Empty;
        var services = httpContext.RequestServices;
        var body = await ReadBodyAsync(httpContext.Request).ConfigureAwait(false);
        using var buffer = new PooledBufferWriter(256);
        int status;
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (!IsAnswered(services, key, out var toggle))
            {
                status = StatusCodes.Status404NotFound;
                OfrepJson.WriteFailure(writer, key, OfrepErrorCodes.FlagNotFound, $"No flag named '{key}' is available here.");
            }
            else if (Subject(httpContext, body, out var problem) is not { } subject)
            {
                status = StatusCodes.Status400BadRequest;
                OfrepJson.WriteFailure(writer, key, OfrepErrorCodes.InvalidContext, problem!);
            }
            else
            {
                status = StatusCodes.Status200OK;
                OfrepJson.WriteEvaluation(writer, JsonEncodedText.Encode(toggle.FullName), Explain(services.GetRequiredService<IToggles>(), toggle, subject));
            }
        }

        httpContext.Response.Headers.CacheControl = "no-store, private";
        await ConditionalJson.WriteAsync(httpContext, buffer, status).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST .../ofrep/v1/evaluate/flags</c>: every toggle this mapping answers, with an <c>ETag</c> and 304 for
    /// <c>If-None-Match</c>; 400 <c>INVALID_CONTEXT</c>.
    /// </summary>
    public async Task EvaluateFlagsAsync(HttpContext httpContext)
    {
        var body = await ReadBodyAsync(httpContext.Request).ConfigureAwait(false);
        var subject = Subject(httpContext, body, out var problem);
        var exposed = GetExposed(httpContext.RequestServices);
        using var buffer = new PooledBufferWriter(subject is null ? 256 : 64 + (exposed.Ordered.Length * 192));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            if (subject is null)
            {
                OfrepJson.WriteFailure(writer, null, OfrepErrorCodes.InvalidContext, problem!);
            }
            else
            {
                var services = httpContext.RequestServices;
                var toggles = services.GetRequiredService<IToggles>();
                writer.WriteStartObject();
                writer.WriteStartArray(OfrepJson.Flags);
                var ordered = exposed.Ordered;
                for (var i = 0; i < ordered.Length; i++)
                {
                    OfrepJson.WriteEvaluation(writer, exposed.EncodedNames[i], Explain(toggles, ordered[i], subject));
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }
        }

        if (subject is null)
        {
            httpContext.Response.Headers.CacheControl = "no-store, private";
            await ConditionalJson.WriteAsync(httpContext, buffer, StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        await ConditionalJson.WriteRevalidatableAsync(httpContext, buffer).ConfigureAwait(false);
    }

    private static ToggleExplanation Explain(IToggles toggles, Toggle toggle, OfrepSubject subject) => toggle switch
    {
        CourseFlag course when subject.CourseKey is { } courseKey => toggles.Explain(course, courseKey, subject.Context),
        OrgFlag org when subject.Organization is { } organization => toggles.Explain(org, organization, subject.Context),
        _ => toggles.Explain(toggle, subject.Context),
    };

    private OfrepSubject? Subject(HttpContext httpContext, Body body, out string? problem)
    {
        problem = body.Problem;
        if (problem is not null || OfrepRequestReader.Read(body.Bytes, out problem) is not { } request)
        {
            return null;
        }

        return OfrepSubject.Resolve(
            request,
            ToggleRequests.GetFeature(httpContext),
            options.TrustRequestContext,
            httpContext.RequestServices.GetRequiredService<ICourseKeyParser>(),
            out problem);
    }

    private bool IsAnswered(IServiceProvider services, string key, out Toggle toggle)
        => GetExposed(services).ByName.TryGetValue(key, out toggle!);

    private Exposed GetExposed(IServiceProvider services)
    {
        var registry = services.GetRequiredService<IToggleRegistry>();
        var exposed = _exposed;
        if (exposed is null || !ReferenceEquals(exposed.Registry, registry))
        {
            var ordered = registry.Toggles.Where(t => options.ExposeAllToggles || t.Metadata.ExposeToClients).ToArray();
            _exposed = exposed = new Exposed(
                registry,
                ordered,
                [.. ordered.Select(t => JsonEncodedText.Encode(t.FullName, WriterOptions.Encoder))],
                ordered.ToDictionary(t => t.FullName, StringComparer.Ordinal));
        }

        return exposed;
    }

    private async Task<Body> ReadBodyAsync(HttpRequest request)
    {
        var limit = options.MaxRequestBodySize;
        if (request.ContentLength > limit)
        {
            return new(default, $"The request body is larger than {limit} bytes.");
        }

        using var copy = new MemoryStream(request.ContentLength is > 0 and var length ? (int)length : 256);
        var chunk = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (copy.Length + read > limit)
                {
                    return new(default, $"The request body is larger than {limit} bytes.");
                }

                copy.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return new(copy.GetBuffer().AsMemory(0, (int)copy.Length), null);
    }

    private readonly record struct Body(ReadOnlyMemory<byte> Bytes, string? Problem);

    private sealed record Exposed(IToggleRegistry Registry, Toggle[] Ordered, JsonEncodedText[] EncodedNames, Dictionary<string, Toggle> ByName);
}
