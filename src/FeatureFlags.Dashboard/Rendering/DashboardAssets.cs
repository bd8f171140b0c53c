using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace FeatureFlags.Dashboard;

/// <summary>
/// The dashboard's only asset, embedded in the assembly: no CDN, nothing fetched from elsewhere.
/// </summary>
internal static class DashboardAssets
{
    private static readonly Lazy<byte[]> Css = new(() =>
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream("FeatureFlags.Dashboard.dashboard.css")
            ?? throw new InvalidOperationException("The dashboard stylesheet is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IResult Stylesheet(HttpContext http)
    {
        http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        http.Response.Headers[HeaderNames.CacheControl] = "private, max-age=3600";
        return Results.Bytes(Css.Value, "text/css; charset=utf-8");
    }
}
