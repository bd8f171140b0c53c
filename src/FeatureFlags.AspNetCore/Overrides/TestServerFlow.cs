using Microsoft.AspNetCore.Hosting.Server;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Makes the in-memory test server run each request in the execution context of the test that sends it, so the test's
/// toggle overrides (one <see cref="AsyncLocal{T}"/>) reach the application. The test server's type lives in
/// Microsoft.AspNetCore.TestHost, a test-only package this library must not make every web application carry, so its
/// one public property is set by name; no other server is touched.
/// </summary>
internal static class TestServerFlow
{
    private const string TestServerType = "Microsoft.AspNetCore.TestHost.TestServer";

    /// <summary>
    /// Sets <c>TestServer.PreserveExecutionContext</c> when <paramref name="server"/> is the test server. It is read
    /// when a client is created, which <c>WebApplicationFactory</c> does only after the application has started.
    /// </summary>
    /// <returns><see langword="true"/> when the server is the test server and now preserves the context.</returns>
    public static bool PreserveExecutionContext(IServer? server)
    {
        if (server is null || server.GetType().FullName != TestServerType)
        {
            return false;
        }

        var property = server.GetType().GetProperty("PreserveExecutionContext");
        if (property is null || property.PropertyType != typeof(bool) || !property.CanWrite)
        {
            return false;
        }

        property.SetValue(server, true);
        return true;
    }
}
