using FeatureFlags.Tests.Support;

namespace FeatureFlags.Tests.Rules.Custom;

/// <summary>
/// Where custom rules sit among the flag's own rules: after everyone, superusers, staff, authenticated users, languages,
/// users and groups, before the percentage. Every rule turns the flag on, so the order decides only which rule is
/// reported (and which rules run), never the value; everyone alone can turn the flag off.
/// </summary>
public class CustomRulePrecedenceTests
{
    private static readonly Dictionary<string, string> ProPlan = new() { ["plan"] = "pro" };

    [Test]
    public async Task Everyone_Off_BeatsAMatchingCustomRule()
    {
        using var harness = CustomRuleEvaluationTests.Create();
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Everyone = false, CustomRules = [TestRules.Plan("pro")] }, Actors.Operator);

        var explanation = harness.Toggles.Explain(TestToggles.Beta, new ToggleContext { Attributes = ProPlan });

        Assert.That((explanation.IsEnabled, explanation.Reason), Is.EqualTo((false, ToggleReason.Everyone)));
    }

    [TestCase("superuser", ToggleReason.Superuser)]
    [TestCase("staff", ToggleReason.Staff)]
    [TestCase("authenticated", ToggleReason.Authenticated)]
    [TestCase("language", ToggleReason.Language)]
    [TestCase("user", ToggleReason.User)]
    [TestCase("group", ToggleReason.Group)]
    public async Task BuiltInTargetingRule_IsReportedBeforeAMatchingCustomRule(string matching, ToggleReason expected)
    {
        using var harness = CustomRuleEvaluationTests.Create();
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules
        {
            Superusers = true,
            Staff = true,
            Authenticated = true,
            Languages = ["de"],
            Users = ["ana"],
            Groups = ["beta"],
            CustomRules = [TestRules.Plan("pro")],
        }, Actors.Operator);
        var context = new ToggleContext
        {
            UserId = matching == "user" ? "ana" : "someone",
            IsSuperuser = matching == "superuser",
            IsStaff = matching == "staff",
            IsAuthenticated = matching == "authenticated",
            Language = matching == "language" ? "de" : "fr",
            Groups = matching == "group" ? ["beta"] : [],
            Attributes = ProPlan,
        };

        var explanation = harness.Toggles.Explain(TestToggles.Beta, context);

        Assert.That((explanation.IsEnabled, explanation.Reason), Is.EqualTo((true, expected)));
    }

    [Test]
    public async Task CustomRule_IsReportedBeforeThePercentage()
    {
        using var harness = CustomRuleEvaluationTests.Create();
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Percent = 100, CustomRules = [TestRules.Plan("pro")] }, Actors.Operator);

        var pro = harness.Toggles.Explain(TestToggles.Beta, new ToggleContext { UserId = "u", Attributes = ProPlan });
        var other = harness.Toggles.Explain(TestToggles.Beta, new ToggleContext { UserId = "u" });

        Assert.That(pro.Reason, Is.EqualTo(ToggleReason.CustomRule));
        Assert.That(other.Reason, Is.EqualTo(ToggleReason.Percent));
    }

    [Test]
    public async Task SiteOverride_BeatsAMatchingCustomRule()
    {
        using var harness = CustomRuleEvaluationTests.Create();
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { CustomRules = [TestRules.Plan("pro")] }, Actors.Operator);
        await harness.Admin.SetSiteOverrideAsync(TestToggles.Beta, "white.example", false, Actors.Operator);

        var explanation = harness.Toggles.Explain(TestToggles.Beta, new ToggleContext { Site = "white.example", Attributes = ProPlan });

        Assert.That((explanation.IsEnabled, explanation.Reason), Is.EqualTo((false, ToggleReason.Site)));
    }
}
