using System.Security.Claims;
using FeatureFlags;
using FeatureFlags.AspNetCore;
using FeatureFlags.Dashboard;
using FeatureFlags.Samples.Web;
using FeatureFlags.Samples.Web.Recommendations;
using FeatureFlags.Samples.Web.Rules;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

var builder = WebApplication.CreateBuilder(args);

// Toggles: SQLite store (PostgreSQL when ConnectionStrings:TogglesPostgres is set), toggles declared in this
// assembly, context from each request, and the operators' dashboard.
var toggles = builder.Services.AddFeatureToggles(o => o.EnableRequestOverrides = builder.Configuration.GetValue<bool>("Toggles:EnableRequestOverrides"));
if (builder.Configuration.GetConnectionString("TogglesPostgres") is { Length: > 0 } postgres)
{
    toggles.UsePostgreSql(postgres);
}
else
{
    toggles.UseSqlite(builder.Configuration.GetConnectionString("Toggles") ?? "Data Source=featureflags-web.db");
}

toggles.AddTogglesFromAssemblyContaining<Program>()
    .AddToggleRule<PlanRule>("plan")
    .AddAspNetCore()
    .AddToggleDashboard(o => o.EditPolicy = "ToggleAdmins");

// A service whose implementation the flag chooses, per request.
builder.Services.AddToggled<IRecommendations, PersonalRecommendations, BestsellerRecommendations>(StorefrontToggles.PersonalRecommendations);

builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
{
    // An API answers 401/403 instead of redirecting to a login page.
    o.Events.OnRedirectToLogin = context => SetStatus(context.Response, StatusCodes.Status401Unauthorized);
    o.Events.OnRedirectToAccessDenied = context => SetStatus(context.Response, StatusCodes.Status403Forbidden);
});
builder.Services.AddAuthorizationBuilder()
    .AddPolicy("ToggleAdmins", policy => policy.RequireAuthenticatedUser().RequireRole("toggle-admin"))
    .AddPolicy("ToggleViewers", policy => policy.RequireAuthenticatedUser().RequireRole("toggle-admin", "toggle-viewer"))
    .AddPolicy("ToggleServices", policy => policy.RequireAuthenticatedUser().RequireRole("toggle-service"));
builder.Services.AddControllers();
builder.Services.AddRazorPages();
builder.Services.AddHealthChecks().AddFeatureToggleStore();

var app = builder.Build();

if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Toggles:SeedDemoState", defaultValue: true))
{
    // Something for operators to look at: storefront.gift_card_balance requires storefront.gift_cards on.
    await DemoState.SeedAsync(app.Services.GetRequiredService<IToggleAdmin>(), app.Logger);
}

app.UseAuthentication();
app.UseAuthorization();
app.UseFeatureToggles();

// One endpoint per toggle type: each explains its answer for the current user.
app.MapGet("/", (IToggles toggles) => Results.Text(string.Join('\n',
    "FeatureFlags web sample. Try /switch, /flag, /courses/course-v1:DemoX+Intro+2026, /orgs/DemoX, /setting,",
    "/checkout, /checkout/legacy, /courses/course-v1:DemoX+Intro+2026/grading, /reports, /recommendations,",
    "/api/profile, /api/toggles, /storefront (Razor tag helpers), /gift-cards/balance (a release group member with a",
    "prerequisite), OFREP at /ofrep/v1/evaluate/flags (and /internal/... for role toggle-service), /admin/toggles",
    "(role toggle-admin), the dashboard /toggles and /health.",
    string.Empty,
    toggles.Explain(StorefrontToggles.MaintenanceBanner).ToString())));
app.MapGet("/switch", (IToggles toggles) => toggles.Explain(StorefrontToggles.MaintenanceBanner).ToString());
app.MapGet("/flag", (IToggles toggles) => toggles.Explain(StorefrontToggles.NewCheckout).ToString());
app.MapGet("/courses/{courseKey}", (IToggles toggles, string courseKey) => toggles.Explain(StorefrontToggles.NewGrading, courseKey).ToString());
app.MapGet("/orgs/{org}", (IToggles toggles, string org) => toggles.Explain(StorefrontToggles.PilotDashboard, org).ToString());
app.MapGet("/setting", (IToggles toggles) => toggles.Explain(StorefrontToggles.SearchV2).ToString());

// The winter release: both members answer to the group while it is on or off; the balance also needs gift cards on.
app.MapGet("/gift-cards", (IToggles toggles) => toggles.Explain(StorefrontToggles.GiftCards).ToString());
app.MapGet("/gift-cards/balance", (IToggles toggles) => toggles.Explain(StorefrontToggles.GiftCardBalance).ToString());

// Gated endpoints: 404 while closed.
app.MapGet("/checkout", () => "new checkout").RequireToggle(StorefrontToggles.NewCheckout);
app.MapGet("/maintenance", () => "We are doing maintenance tonight.").RequireToggle(StorefrontToggles.MaintenanceBanner);
app.MapGet("/checkout/legacy", () => "legacy checkout").RequireToggleDisabled(StorefrontToggles.NewCheckout);
app.MapGet("/courses/{courseKey}/grading", (string courseKey) => $"new grading for {courseKey}").RequireToggle(StorefrontToggles.NewGrading);
app.MapControllers();

// The flipped service.
app.MapGet("/recommendations", (IRecommendations recommendations, HttpContext http) =>
    new { source = recommendations.Source, items = recommendations.For(http.GetToggleContext()?.UserId) });

// Toggle state for front ends: its own endpoint, and inside an existing API response.
app.MapToggleState("/api/toggles");
app.MapToggleState("/api/courses/{courseKey}/toggles");
app.MapGet("/api/profile", (HttpContext http) => new
{
    user = http.User.Identity?.Name ?? "anonymous",
    toggles = http.GetClientToggleState(),
});

// OpenFeature clients (OFREP). Browsers and apps: the exposed toggles, for the caller's own sign-in. Trusted services
// (role toggle-service): every toggle, for whichever user the evaluation context's targetingKey names.
app.MapOpenFeatureRemoteEvaluation("/");
app.MapOpenFeatureRemoteEvaluation("/internal", o =>
    {
        o.TrustRequestContext = true;
        o.ExposeAllToggles = true;
    })
    .RequireAuthorization("ToggleServices");

// A Razor page using the toggle tag helpers and the bootstrap state.
app.MapRazorPages();

app.MapToggleAdmin("/admin/toggles", "ToggleAdmins");

// The dashboard: viewers see everything read-only; admins (the edit policy) change what their roles allow.
app.MapToggleDashboard("/toggles", "ToggleViewers");
app.MapHealthChecks("/health");

if (app.Environment.IsDevelopment())
{
    // Development only: /dev/login?user=ada&roles=staff,toggle-admin,checkout-team signs in without a password.
    app.MapGet("/dev/login", async (HttpContext http, string user, string? roles) =>
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, user), new(ClaimTypes.NameIdentifier, user) };
        claims.AddRange((roles ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r => new Claim(ClaimTypes.Role, r)));
        await http.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));
        return $"signed in as {user}";
    });
    app.MapGet("/dev/logout", async (HttpContext http) =>
    {
        await http.SignOutAsync();
        return "signed out";
    });
}

app.Run();

static Task SetStatus(HttpResponse response, int status)
{
    response.StatusCode = status;
    return Task.CompletedTask;
}

/// <summary>
/// The sample's entry point, public so that integration tests can host it.
/// </summary>
public partial class Program;
