using FeatureFlags.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace FeatureFlags.AspNetCore.Tests.Context;

public sealed class ToggleContextFactoryTests
{
    [Test]
    public async Task Context_FollowsConfiguredClaimTypes_RolesAndFlagClaims()
    {
        await using var app = await MinimalHost.StartAsync(
            b => b.Services.AddFeatureToggles().AddToggles(WiringToggles.Beta).AddAspNetCore(o =>
            {
                o.UserIdClaimTypes.Clear();
                o.UserIdClaimTypes.Add("employee_id");
                o.StaffRoles.Clear();
                o.StaffRoles.Add("ops");
                o.SuperuserClaimTypes.Add("is_superuser");
                o.SiteResolver = null;
            }),
            a =>
            {
                a.UseAuthentication();
                a.UseFeatureToggles();
                a.MapGet("/me", (HttpContext http) => http.GetToggleContext() is { } c
                    ? $"{c.UserId}|{c.IsAuthenticated}|{c.IsStaff}|{c.IsSuperuser}|{string.Join(',', c.Groups)}|{c.Site ?? "-"}"
                    : "none");
            });
        using var client = app.GetTestClient();

        var ops = await Me(client, "ada", "employee_id=e-17", "ops", "beta");
        var root = await Me(client, "root", "employee_id=e-1; is_superuser=True");
        var notRoot = await Me(client, "eve", "is_superuser=false");
        var anonymous = await (await client.GetAsync("/me")).Content.ReadAsStringAsync();

        Assert.That(ops, Is.EqualTo("e-17|True|True|False|ops,beta|-"));
        Assert.That(root, Is.EqualTo("e-1|True|False|True||-"));
        Assert.That(notRoot, Is.EqualTo("eve|True|False|False||-"), "no id claim: the identity's name; a false flag claim is not superuser");
        Assert.That(anonymous, Is.EqualTo("|False|False|False||-"));
    }

    private static async Task<string> Me(HttpClient client, string user, string claims, params string[] roles)
    {
        using var request = Http.Get("/me", user, roles);
        request.Headers.Add(TestAuthHandler.ClaimsHeader, claims);
        return await (await client.SendAsync(request)).Content.ReadAsStringAsync();
    }
}
