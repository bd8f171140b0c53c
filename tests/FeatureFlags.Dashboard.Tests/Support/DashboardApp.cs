using FeatureFlags.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Dashboard.Tests.Support;

/// <summary>
/// The web sample served by Kestrel on a free port of 127.0.0.1, so a real browser can reach it, on its own SQLite
/// file or PostgreSQL database. Requests sign in through <see cref="TestAuthHandler"/>'s headers, which a browser
/// context sends with every request.
/// </summary>
public sealed class DashboardApp : WebApplicationFactory<Program>
{
    private readonly TempFolder _directory = new("featureflags-dashboard-");

    public DashboardApp(string? postgresConnectionString = null, string environment = "Development", Action<ToggleDashboardOptions>? dashboard = null)
    {
        PostgresConnectionString = postgresConnectionString;
        EnvironmentName = environment;
        Dashboard = dashboard;
        UseKestrel(0);
    }

    public string? PostgresConnectionString { get; }

    /// <summary>Gets the SQLite file the app uses when it is not on PostgreSQL.</summary>
    public string DatabasePath => _directory.PathOf("toggles.db");

    public string EnvironmentName { get; }

    public Action<ToggleDashboardOptions>? Dashboard { get; }

    public IToggleAdmin Admin => Services.GetRequiredService<IToggleAdmin>();

    public IToggles Toggles => Services.GetRequiredService<IToggles>();

    public FeatureFlags.Storage.IToggleStore Store => Services.GetRequiredService<FeatureFlags.Storage.IToggleStore>();

    /// <summary>Gets the address Kestrel listens on, such as <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    /// <summary>Returns a plain HTTP client (no browser) that signs in as <paramref name="user"/> with <paramref name="roles"/>.</summary>
    public HttpClient HttpClientFor(string user, params string[] roles)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add(TestAuthHandler.UserHeader, user);
        client.DefaultRequestHeaders.Add(TestAuthHandler.RolesHeader, string.Join(',', roles));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("ConnectionStrings:Toggles", $"Data Source={DatabasePath}");
        if (PostgresConnectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:TogglesPostgres", PostgresConnectionString);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
            services.PostConfigure<AuthenticationOptions>(o =>
            {
                o.DefaultScheme = TestAuthHandler.SchemeName;
                o.DefaultAuthenticateScheme = TestAuthHandler.SchemeName;
                o.DefaultChallengeScheme = TestAuthHandler.SchemeName;
                o.DefaultForbidScheme = TestAuthHandler.SchemeName;
            });
            if (Dashboard is not null)
            {
                services.Configure(Dashboard);
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _directory.Dispose();
    }
}
