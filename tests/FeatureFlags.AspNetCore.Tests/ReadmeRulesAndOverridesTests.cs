using System.Text;
using FeatureFlags.Samples.Web;
using FeatureFlags.Samples.Web.Rules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.AspNetCore.Tests;

/// <summary>
/// The README's custom rule and configuration override examples, verbatim. The rule itself is the web sample's
/// <see cref="PlanRule"/>, which the README shows in full. Change both together.
/// </summary>
public sealed class ReadmeRulesAndOverridesTests
{
    [Test]
    public async Task CustomRuleExample_RegistersStoresAndExplainsThePlanRule()
    {
        var services = new ServiceCollection();
        services.AddFeatureToggles()
            .AddTogglesFromAssemblyContaining<Program>()
            .AddToggleRule<PlanRule>("plan");
        using var provider = services.BuildServiceProvider();

        var admin = provider.GetRequiredService<IToggleAdmin>();
        await admin.SetAsync(StorefrontToggles.PersonalRecommendations,
            new FlagRules { Percent = 10, CustomRules = [CustomRule.FromJson("plan", """{"plans": ["pro", "team"]}""")] },
            new ToggleActor("ana"), "pro and team plans first");

        var toggles = provider.GetRequiredService<IToggles>();
        var customer = new ToggleContext { UserId = "u-42", Attributes = new Dictionary<string, string> { ["plan"] = "pro" } };
        var explanation = toggles.Explain(StorefrontToggles.PersonalRecommendations, customer);
        // storefront.personal_recommendations = on by CustomRule: on by custom rule plan {"plans":["pro","team"]}

        var refused = Assert.ThrowsAsync<ToggleException>(async () => await admin.SetAsync(StorefrontToggles.PersonalRecommendations,
            new FlagRules { CustomRules = [CustomRule.FromJson("plan", """{"plan": "pro"}""")] }, new ToggleActor("ana")));
        // Invalid flag rules: custom rule 'plan' refused its parameters {"plan":"pro"}: expected {"plans": ["name", ...]} with at least one plan.

        Assert.That(explanation.ToString(), Is.EqualTo("storefront.personal_recommendations = on by CustomRule: on by custom rule plan {\"plans\":[\"pro\",\"team\"]}"));
        Assert.That(ToggleErrors.Message(refused!), Is.EqualTo("Invalid flag rules: custom rule 'plan' refused its parameters {\"plan\":\"pro\"}: expected {\"plans\": [\"name\", ...]} with at least one plan."));
    }

    [Test]
    public async Task ConfigurationOverrideExample_ForcesASwitchACourseAndAnOrganisation()
    {
        const string AppSettings = """
            {
              "FeatureToggles": {
                "Overrides": {
                  "storefront.maintenance_banner": true,
                  "storefront.new_grading": {
                    "Enabled": false,
                    "Courses": [ { "Key": "course-v1:DemoX+Intro+2026", "Enabled": true } ]
                  },
                  "storefront.pilot_dashboard": {
                    "Organizations": [ { "Key": "DemoX", "Enabled": true } ]
                  }
                }
              }
            }
            """;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(AppSettings))).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddFeatureToggles().AddTogglesFromAssemblyContaining<Program>();
        using var provider = services.BuildServiceProvider();
        var toggles = provider.GetRequiredService<IToggles>();
        await provider.GetRequiredService<IToggleAdmin>().SetAsync(StorefrontToggles.MaintenanceBanner, false, new ToggleActor("ops"));

        Assert.Multiple(() =>
        {
            Assert.That(toggles.Explain(StorefrontToggles.MaintenanceBanner).ToString(),
                Is.EqualTo("storefront.maintenance_banner = on by Configuration: forced on by configuration (FeatureToggles:Overrides:storefront.maintenance_banner)"));
            Assert.That(toggles.IsEnabled(StorefrontToggles.NewGrading, "course-v1:DemoX+Intro+2026"), Is.True);
            Assert.That(toggles.IsEnabled(StorefrontToggles.NewGrading, "course-v1:Other+Intro+2026"), Is.False);
            Assert.That(toggles.IsEnabled(StorefrontToggles.PilotDashboard, "DemoX"), Is.True);
        });
    }
}
