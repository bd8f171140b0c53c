using FeatureFlags.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FeatureFlags.Dashboard;

/// <summary>
/// What one dashboard request knows about itself: who is acting, whether they may change anything, where the
/// dashboard is mounted and what the environment asks for.
/// </summary>
internal sealed class DashboardRequest
{
    private string? _antiforgeryToken;

    private DashboardRequest(HttpContext http, DashboardMount mount, ToggleActor? actor, bool mayEdit, string environment)
    {
        Http = http;
        Mount = mount;
        Actor = actor;
        MayEdit = mayEdit;
        Environment = environment;
    }

    public HttpContext Http { get; }

    public DashboardMount Mount { get; }

    public ToggleDashboardOptions Options => Mount.Options;

    /// <summary>Gets the signed-in user as the admin path sees them, or <see langword="null"/> when they have no name.</summary>
    public ToggleActor? Actor { get; }

    /// <summary>Gets a value indicating whether this user may change anything here (not read-only, edit policy met).</summary>
    public bool MayEdit { get; }

    /// <summary>Gets the environment name shown in the banner.</summary>
    public string Environment { get; }

    /// <summary>Gets the dashboard's base path, such as <c>/toggles</c>, without a trailing slash.</summary>
    public string Base => Http.Request.PathBase + Mount.Pattern;

    /// <summary>Gets a value indicating whether dangerous actions need a typed confirmation here.</summary>
    public bool NeedsConfirmation => Options.ConfirmationEnvironments.Contains(Mount.HostEnvironment, StringComparer.OrdinalIgnoreCase);

    public IServiceProvider Services => Http.RequestServices;

    public T Get<T>()
        where T : notnull => Http.RequestServices.GetRequiredService<T>();

    /// <summary>Gets the antiforgery token for this user's forms (the cookie is set with the page).</summary>
    public string AntiforgeryToken
        => _antiforgeryToken ??= Get<IAntiforgery>().GetAndStoreTokens(Http).RequestToken ?? string.Empty;

    /// <summary>
    /// Returns a notice for the page a change redirects to, protected so that only this dashboard can have written it
    /// (a link with a made-up "success" message shows nothing).
    /// </summary>
    public string ProtectNotice(string message) => Protector.Protect(message);

    /// <summary>Returns the notice carried by the query's <c>done</c> value, or <see langword="null"/> when there is none or it was not written here.</summary>
    public string? ReadNotice()
    {
        var value = Http.Request.Query["done"].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        try
        {
            return Protector.Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private IDataProtector Protector
        => Get<IDataProtectionProvider>().CreateProtector("FeatureFlags.Dashboard.Notice");

    /// <summary>Returns whether the actor may change <paramref name="toggle"/> (one of its editor roles, if it declares any).</summary>
    public bool MayEditToggle(Toggle? toggle) => MayEdit && Actor is not null && (toggle is null || ToggleWriteRules.MayEdit(toggle, Actor));

    public static async Task<DashboardRequest> CreateAsync(HttpContext http, DashboardMount mount)
    {
        var httpOptions = http.RequestServices.GetRequiredService<IOptions<FeatureTogglesHttpOptions>>().Value;
        var actor = ToggleActors.FromUser(http.User, httpOptions);
        var mayEdit = !mount.Options.ReadOnly && actor is not null;
        if (mayEdit && mount.Options.EditPolicy is { } policy)
        {
            var result = await http.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(http.User, policy).ConfigureAwait(false);
            mayEdit = result.Succeeded;
        }

        return new DashboardRequest(http, mount, actor, mayEdit, mount.Options.EnvironmentName ?? mount.HostEnvironment);
    }
}

/// <summary>
/// One mounted dashboard: its route pattern, options and the host's environment.
/// </summary>
internal sealed class DashboardMount(string pattern, ToggleDashboardOptions options, IHostEnvironment environment)
{
    public string Pattern { get; } = pattern.TrimEnd('/');

    public ToggleDashboardOptions Options { get; } = options;

    public string HostEnvironment { get; } = environment.EnvironmentName;
}
