using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeatureFlags.AspNetCore.Tests.Support;

/// <summary>
/// The web sample hosted for real (Microsoft.AspNetCore.Mvc.Testing) on its own SQLite file, with a header-driven test
/// sign-in so a test can act as any user.
/// </summary>
public sealed class SampleApp : WebApplicationFactory<Program>
{
    private readonly TempFolder _directory = new("featureflags-web-");
    private readonly bool _kestrel;

    /// <summary>Hosts the sample on TestServer, or with <paramref name="kestrel"/> on a free port of 127.0.0.1 for clients outside the process.</summary>
    public SampleApp(bool kestrel = false)
    {
        _kestrel = kestrel;
        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    public string EnvironmentName { get; init; } = "Development";

    public bool EnableRequestOverrides { get; init; }

    /// <summary>Gets a value indicating whether the sample stores its demo state at start-up; off, so most tests start from an empty store.</summary>
    public bool SeedDemoState { get; init; }

    /// <summary>Gets the environments that allow request overrides, replacing the default list when set.</summary>
    public IReadOnlyList<string>? RequestOverrideEnvironments { get; init; }

    /// <summary>Gets a value indicating whether requests sign in through <see cref="TestAuthHandler"/> instead of the sample's cookie.</summary>
    public bool UseTestSignIn { get; init; } = true;

    public Action<IServiceCollection>? ExtraServices { get; init; }

    public ListLoggerProvider Logs { get; } = new();

    public string DatabasePath => _directory.PathOf("toggles.db");

    public IToggleAdmin Admin => Services.GetRequiredService<IToggleAdmin>();

    public IToggles Toggles => Services.GetRequiredService<IToggles>();

    /// <summary>An actor allowed to change every sample toggle.</summary>
    public static ToggleActor Operator { get; } = new("operator", "checkout-team");

    /// <summary>Gets the address Kestrel listens on, such as <c>http://127.0.0.1:41234</c> (Kestrel hosting only).</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
                .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    /// <summary>Returns a client on https (the anonymous id cookie is Secure) that keeps cookies.</summary>
    public HttpClient CreateHttpsClient() => CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        if (_kestrel)
        {
            builder.UseSetting("urls", "http://127.0.0.1:0");
        }

        builder.UseSetting("ConnectionStrings:Toggles", $"Data Source={DatabasePath}");
        builder.UseSetting("Toggles:EnableRequestOverrides", EnableRequestOverrides ? "true" : "false");
        builder.UseSetting("Toggles:SeedDemoState", SeedDemoState ? "true" : "false");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<ListLoggerProvider>(null, LogLevel.Debug));
        builder.ConfigureTestServices(services =>
        {
            if (UseTestSignIn)
            {
                services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
                services.PostConfigure<AuthenticationOptions>(o =>
                {
                    o.DefaultScheme = TestAuthHandler.SchemeName;
                    o.DefaultAuthenticateScheme = TestAuthHandler.SchemeName;
                    o.DefaultChallengeScheme = TestAuthHandler.SchemeName;
                    o.DefaultForbidScheme = TestAuthHandler.SchemeName;
                });
            }
            if (RequestOverrideEnvironments is { } environments)
            {
                services.Configure<FeatureTogglesHttpOptions>(o =>
                {
                    o.RequestOverrideEnvironments.Clear();
                    foreach (var environment in environments)
                    {
                        o.RequestOverrideEnvironments.Add(environment);
                    }
                });
            }

            ExtraServices?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _directory.Dispose();
    }
}
