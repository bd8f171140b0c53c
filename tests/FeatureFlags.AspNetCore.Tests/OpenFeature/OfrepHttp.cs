using System.Net.Http.Headers;
using System.Text;
using FeatureFlags.AspNetCore.Tests.Support;

namespace FeatureFlags.AspNetCore.Tests.OpenFeature;

/// <summary>
/// OFREP requests as a given user, with a raw JSON body.
/// </summary>
internal static class OfrepHttp
{
    public const string Bulk = "/ofrep/v1/evaluate/flags";

    public static string Flag(string key) => $"/ofrep/v1/evaluate/flags/{key}";

    public static HttpRequestMessage Post(string url, string? json, string? user = null, params string[] roles)
    {
        var request = Http.Request(HttpMethod.Post, url, null, user, roles);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return request;
    }
}
