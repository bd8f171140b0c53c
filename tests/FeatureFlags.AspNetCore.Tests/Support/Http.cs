using System.Net.Http.Json;
using System.Text.Json;

namespace FeatureFlags.AspNetCore.Tests.Support;

/// <summary>
/// Requests as a given user (through <see cref="TestAuthHandler"/>) and small response helpers.
/// </summary>
public static class Http
{
    public static HttpRequestMessage Get(string url, string? user = null, params string[] roles) => Request(HttpMethod.Get, url, null, user, roles);

    public static HttpRequestMessage Request(HttpMethod method, string url, object? body, string? user = null, params string[] roles)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (user is not null)
        {
            request.Headers.Add(TestAuthHandler.UserHeader, user);
            request.Headers.Add(TestAuthHandler.RolesHeader, string.Join(',', roles));
        }

        return request;
    }

    /// <summary>A write as <see cref="Request"/>, naming the version it was based on in <c>If-Match</c>.</summary>
    public static HttpRequestMessage Write(HttpMethod method, string url, object? body, string ifMatch, string user, params string[] roles)
    {
        var request = Request(method, url, body, user, roles);
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Reads <c>{"toggles":{...}}</c> into a dictionary.</summary>
    public static async Task<Dictionary<string, bool>> TogglesAsync(this HttpResponseMessage response)
    {
        Assert.That(response.IsSuccessStatusCode, Is.True, $"status {(int)response.StatusCode}");
        var json = await response.JsonAsync();
        return json.GetProperty("toggles").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetBoolean());
    }
}
