using System.Text.Json;
using static FeatureFlags.AspNetCore.OpenFeatureContextAttributes;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Reads <c>{"context":{...}}</c>. The documented attributes must have their documented types; anything else in the
/// context is kept as text. An empty body is an empty context.
/// </summary>
internal static class OfrepRequestReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>
    /// Returns the request, or <see langword="null"/> with a problem that names what is wrong.
    /// </summary>
    public static OfrepRequest? Read(ReadOnlyMemory<byte> body, out string? problem)
    {
        problem = null;
        if (IsBlank(body.Span))
        {
            return OfrepRequest.Empty;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            problem = $"The request body is not JSON: {ex.Message}";
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = $"The request body must be a JSON object with a \"context\" object; it is {Describe(root)}.";
                return null;
            }

            if (!root.TryGetProperty("context", out var context) || context.ValueKind == JsonValueKind.Null)
            {
                return OfrepRequest.Empty;
            }

            if (context.ValueKind != JsonValueKind.Object)
            {
                problem = $"\"context\" must be an object; it is {Describe(context)}.";
                return null;
            }

            return ReadContext(context, out problem);
        }
    }

    private static OfrepRequest? ReadContext(JsonElement context, out string? problem)
    {
        problem = null;
        var request = new OfrepRequest();
        foreach (var property in context.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case TargetingKey:
                    request.TargetingKey = ReadString(value, property.Name, ref problem);
                    break;
                case Groups:
                    request.Groups = ReadStrings(value, ref problem);
                    break;
                case Staff:
                    request.Staff = ReadBoolean(value, property.Name, ref problem);
                    break;
                case Superuser:
                    request.Superuser = ReadBoolean(value, property.Name, ref problem);
                    break;
                case Authenticated:
                    request.Authenticated = ReadBoolean(value, property.Name, ref problem);
                    break;
                case Language:
                    request.Language = ReadString(value, property.Name, ref problem);
                    break;
                case Site:
                    request.Site = ReadString(value, property.Name, ref problem);
                    break;
                case CourseKey:
                    request.CourseKey = ReadString(value, property.Name, ref problem);
                    break;
                case Organization:
                    request.Organization = ReadString(value, property.Name, ref problem);
                    break;
                default:
                    if (value.ValueKind != JsonValueKind.Null)
                    {
                        (request.Attributes ??= new(StringComparer.Ordinal))[property.Name] =
                            value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                    }

                    break;
            }

            if (problem is not null)
            {
                return null;
            }
        }

        return request;
    }

    private static string? ReadString(JsonElement value, string name, ref string? problem)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                var text = value.GetString();
                return string.IsNullOrWhiteSpace(text) ? null : text;
            default:
                problem = $"Context attribute \"{name}\" must be a string; it is {Describe(value)}.";
                return null;
        }
    }

    private static bool? ReadBoolean(JsonElement value, string name, ref string? problem)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                problem = $"Context attribute \"{name}\" must be true or false; it is {Describe(value)}.";
                return null;
        }
    }

    private static string[]? ReadStrings(JsonElement value, ref string? problem)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            var groups = new List<string>(value.GetArrayLength());
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
                {
                    problem = $"Context attribute \"{Groups}\" must be an array of non-empty strings; it holds {Describe(item)}.";
                    return null;
                }

                if (!groups.Contains(item.GetString()!, StringComparer.Ordinal))
                {
                    groups.Add(item.GetString()!);
                }
            }

            return [.. groups];
        }

        problem = $"Context attribute \"{Groups}\" must be an array of strings; it is {Describe(value)}.";
        return null;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };

    private static bool IsBlank(ReadOnlySpan<byte> body)
    {
        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
