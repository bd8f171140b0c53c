using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace FeatureFlags.AspNetCore;

/// <summary>
/// Options of the ASP.NET Core integration: how a request becomes a <see cref="ToggleContext"/>, the anonymous id
/// cookie and request overrides. Validated once at start-up.
/// </summary>
public sealed class FeatureTogglesHttpOptions
{
    /// <summary>
    /// Gets the claim types read, in order, for the user id; the first present wins.
    /// </summary>
    /// <value>The default value is <see cref="ClaimTypes.NameIdentifier"/>, then <c>sub</c>.</value>
    public IList<string> UserIdClaimTypes { get; } = [ClaimTypes.NameIdentifier, "sub"];

    /// <summary>
    /// Gets the claim types whose values are the user's groups (flag group rules) and roles (admin editor roles).
    /// The identity's own role claim type is always read as well.
    /// </summary>
    /// <value>The default value is <see cref="ClaimTypes.Role"/>, <c>role</c> and <c>groups</c>.</value>
    public IList<string> GroupClaimTypes { get; } = [ClaimTypes.Role, "role", "groups"];

    /// <summary>
    /// Gets the roles or groups that make a user staff (flag staff rule).
    /// </summary>
    /// <value>The default value is <c>staff</c>.</value>
    public IList<string> StaffRoles { get; } = ["staff"];

    /// <summary>
    /// Gets the roles or groups that make a user a superuser (flag superuser rule).
    /// </summary>
    /// <value>The default value is <c>superuser</c>.</value>
    public IList<string> SuperuserRoles { get; } = ["superuser"];

    /// <summary>
    /// Gets the claim types that make a user staff when their value is <c>true</c>, for identity providers that send a
    /// flag (such as <c>is_staff</c>) rather than a role.
    /// </summary>
    /// <value>The default value is empty.</value>
    public IList<string> StaffClaimTypes { get; } = [];

    /// <summary>
    /// Gets the claim types that make a user a superuser when their value is <c>true</c>.
    /// </summary>
    /// <value>The default value is empty.</value>
    public IList<string> SuperuserClaimTypes { get; } = [];

    /// <summary>
    /// Gets or sets how the site (tenant) of a request is found, for site overrides; <see langword="null"/> for none.
    /// </summary>
    /// <value>The default value is the request's host name, such as <c>shop.example.com</c>.</value>
    public Func<HttpContext, string?>? SiteResolver { get; set; } = static context => context.Request.Host.HasValue ? context.Request.Host.Host : null;

    /// <summary>
    /// Gets or sets the route value holding a course key: gates on course flags and the state endpoint use it.
    /// <see langword="null"/> turns it off.
    /// </summary>
    /// <value>The default value is <c>courseKey</c>.</value>
    public string? CourseRouteValue { get; set; } = "courseKey";

    /// <summary>
    /// Gets or sets the route value holding an organisation key for organisation flags; when absent, the organisation of
    /// the course key is used. <see langword="null"/> turns it off.
    /// </summary>
    /// <value>The default value is <c>org</c>.</value>
    public string? OrganizationRouteValue { get; set; } = "org";

    /// <summary>
    /// Gets or sets a value indicating whether anonymous visitors get a sticky random id in a cookie, so that percentage
    /// rollouts give them the same answer on every request. The cookie is HttpOnly, SameSite=Lax and Secure on HTTPS, and is not
    /// marked essential: under a cookie-consent policy it is set only after consent. It is written only by a response for
    /// which a toggle evaluation used the id (a percentage rollout), not by health checks, 404s or pages that need no id;
    /// an evaluation made after the response has started cannot add it.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool IssueAnonymousIdCookie { get; set; } = true;

    /// <summary>
    /// Gets or sets the name of the anonymous id cookie.
    /// </summary>
    /// <value>The default value is <c>.FeatureFlags.Anonymous</c>.</value>
    public string AnonymousIdCookieName { get; set; } = ".FeatureFlags.Anonymous";

    /// <summary>
    /// Gets or sets how long the anonymous id cookie lasts.
    /// </summary>
    /// <value>The default value is 365 days.</value>
    public TimeSpan AnonymousIdCookieLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// Gets or sets the query-string prefix of request overrides: <c>?toggle.checkout.new_cart=on</c>. Honoured for every
    /// toggle when <see cref="FeatureTogglesOptions.EnableRequestOverrides"/> is on, else only for flags in testing mode
    /// (<see cref="FlagRules.Testing"/>).
    /// </summary>
    /// <value>The default value is <c>toggle.</c>.</value>
    public string OverrideQueryPrefix { get; set; } = "toggle.";

    /// <summary>
    /// Gets or sets the header of request overrides: <c>X-Toggle-Overrides: checkout.new_cart=on, search.v2=off</c>.
    /// Honoured like <see cref="OverrideQueryPrefix"/>.
    /// </summary>
    /// <value>The default value is <c>X-Toggle-Overrides</c>.</value>
    public string OverrideHeaderName { get; set; } = "X-Toggle-Overrides";

    /// <summary>
    /// Gets the environments (<see cref="Microsoft.Extensions.Hosting.IHostEnvironment.EnvironmentName"/>, compared
    /// without regard to case) in which request overrides may be honoured at all. Everywhere else they are refused and
    /// logged, whatever <see cref="FeatureTogglesOptions.EnableRequestOverrides"/> and a flag's testing mode say, so a
    /// setting copied from a test environment cannot let visitors switch toggles in production, staging or "Prod".
    /// </summary>
    /// <value>The default value is a list holding <c>Development</c> only.</value>
    public IList<string> RequestOverrideEnvironments { get; } = ["Development"];

    /// <summary>
    /// Gets or sets a value indicating whether the anonymous-id cookie is marked <c>Secure</c> even on plain HTTP
    /// requests. By default it is <c>Secure</c> exactly when the request is HTTPS (behind a TLS-terminating proxy, use
    /// <c>UseForwardedHeaders</c> so the scheme is known): a <c>Secure</c> cookie sent over plain HTTP is dropped by
    /// browsers, and a percentage rollout would then flip between requests.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AlwaysSecureAnonymousIdCookie { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether every write of the admin API must carry <c>If-Match</c> with the
    /// <c>ETag</c> of the state it changes (<c>"0"</c> when nothing is stored, <c>*</c> to overwrite whatever is there).
    /// A write without it is refused with 428, so a stale read-modify-write can never silently overwrite another
    /// administrator's change. Turn it off only for scripts that must keep working unchanged.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RequireIfMatch { get; set; } = true;

    /// <summary>
    /// Gets or sets the largest admin request body accepted, in bytes; a larger one is refused with 413 before it is parsed.
    /// </summary>
    /// <value>The default value is 1 MiB.</value>
    public long MaxAdminRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>
    /// Gets or sets a value indicating whether, when the application runs on the in-memory test server
    /// (<c>Microsoft.AspNetCore.TestHost.TestServer</c>, used by <c>WebApplicationFactory</c>), requests run in the
    /// execution context of the test that sends them. Then the test's override scopes (<c>toggles.Override</c>,
    /// <c>ToggleOverride.Set</c>, FeatureFlags.Testing's <c>[OverrideToggle]</c> and <c>ToggleStates.Apply()</c>) reach
    /// the requests it makes, and never those of tests running in parallel. It sets the server's
    /// <c>PreserveExecutionContext</c> when <c>UseFeatureToggles()</c> runs; any other server is left alone.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool FlowTestOverridesIntoTestServer { get; set; } = true;
}
