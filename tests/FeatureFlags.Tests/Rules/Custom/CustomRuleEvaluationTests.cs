using FeatureFlags.Tests.Support;

namespace FeatureFlags.Tests.Rules.Custom;

public class CustomRuleEvaluationTests
{
    private static readonly ToggleContext Pro = new() { UserId = "u1", Attributes = new Dictionary<string, string> { ["plan"] = "pro" } };
    private static readonly ToggleContext Free = new() { UserId = "u1", Attributes = new Dictionary<string, string> { ["plan"] = "free" } };

    [Test]
    public async Task IsEnabled_CustomRuleWithParameters_MatchesOnTheContextsAttributes()
    {
        using var harness = Create();
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { CustomRules = [TestRules.Plan("pro", "team")] }, Actors.Operator);

        var pro = harness.Toggles.Explain(TestToggles.Beta, Pro);
        var free = harness.Toggles.Explain(TestToggles.Beta, Free);

        Assert.Multiple(() =>
        {
            Assert.That((pro.IsEnabled, pro.Reason), Is.EqualTo((true, ToggleReason.CustomRule)));
            Assert.That(pro.Detail, Is.EqualTo("on by custom rule plan {\"plans\":[\"pro\",\"team\"]}"));
            Assert.That((free.IsEnabled, free.Reason), Is.EqualTo((false, ToggleReason.NoRuleMatched)));
            Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta, ToggleContext.Anonymous), Is.False);
        });
    }

    [Test]
    public async Task IsEnabled_ParametersAreCompiledOnceWhenTheStateLoads_NotPerEvaluation()
    {
        var rule = new TestRules.PlanRule();
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All).AddToggleRule("plan", rule));
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { CustomRules = [TestRules.Plan("pro")] }, Actors.Operator);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta, Pro), Is.True);
        var loaded = rule.Compiled;

        for (var i = 0; i < 100; i++)
        {
            harness.Toggles.IsEnabled(TestToggles.Beta, Pro);
        }

        Assert.That(loaded, Is.InRange(2, 3), "the write's check, then the loaded state (the change and the first load may both apply it)");
        Assert.That(rule.Compiled, Is.EqualTo(loaded), "evaluations compile nothing");
    }

    [Test]
    public async Task IsEnabled_TwoReferencesToOneRule_EitherMatching_TurnsTheFlagOn()
    {
        using var harness = Create();
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { CustomRules = [TestRules.Plan("team"), TestRules.Plan("pro")] }, Actors.Operator);

        Assert.That(harness.Toggles.Explain(TestToggles.Beta, Pro).Detail, Does.Contain("\"pro\""));
    }

    [Test]
    public async Task StoredRule_NotRegistered_LogsOnceAndNeverMatches_WhileOtherRulesAnswer()
    {
        using var harness = Create();
        var value = StoredValues.Flag(new FlagRules { Users = ["listed"], CustomRules = [new CustomRule("retired_rule")] });
        await harness.Store.SetAsync(TestToggles.Beta.FullName, value, 0, new FeatureFlags.Storage.ToggleAuditInfo("other-app", null));

        var results = Enumerable.Range(0, 20).Select(_ => harness.Toggles.Explain(TestToggles.Beta, Pro)).ToList();
        var listed = harness.Toggles.Explain(TestToggles.Beta, new ToggleContext { UserId = "listed" });

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => (r.IsEnabled, r.Reason)).Distinct(), Is.EqualTo(new[] { (false, ToggleReason.NoRuleMatched) }));
            Assert.That((listed.IsEnabled, listed.Reason), Is.EqualTo((true, ToggleReason.User)));
            var logged = harness.Logs.WithEventId(41);
            Assert.That(logged, Has.Count.EqualTo(1));
            Assert.That(logged[0].Message, Does.Contain("'retired_rule'").And.Contain(TestToggles.Beta.FullName));
        });
    }

    [Test]
    public async Task StoredParameters_RefusedByTheRuleAtLoad_LogOnceAndNeverMatch()
    {
        using var harness = Create();

        // Written by a process that cannot check the rule (the CLI, another application version).
        var value = StoredValues.Flag(new FlagRules { Percent = 100, CustomRules = [CustomRule.FromJson("plan", "{\"plans\":\"pro\"}")] });
        await harness.Store.SetAsync(TestToggles.Beta.FullName, value, 0, new FeatureFlags.Storage.ToggleAuditInfo("cli", null));

        var explanation = harness.Toggles.Explain(TestToggles.Beta, Pro);
        harness.Toggles.IsEnabled(TestToggles.Beta, Pro);

        Assert.That((explanation.IsEnabled, explanation.Reason), Is.EqualTo((true, ToggleReason.Percent)));
        Assert.That(harness.Logs.WithEventId(42).Single().Message, Does.Contain("expected {\"plans\""));
    }

    [Test]
    public async Task IsEnabled_RuleThrows_CountsAsNoMatch_LoggedOncePerState()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All).AddToggleRule<TestRules.ThrowingRule>("fragile"));
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Percent = 100, CustomRules = [new CustomRule("fragile")] }, Actors.Operator);
        var boom = new ToggleContext { UserId = "u1", Attributes = new Dictionary<string, string> { ["boom"] = "1" } };

        var first = harness.Toggles.Explain(TestToggles.Beta, boom);
        for (var i = 0; i < 50; i++)
        {
            harness.Toggles.IsEnabled(TestToggles.Beta, boom);
        }

        var loggedBeforeChange = harness.Logs.WithEventId(43).Count;
        await harness.Admin.UpdateFlagAsync(TestToggles.Beta.FullName, r => r with { Percent = 0 }, Actors.Operator);
        var afterChange = harness.Toggles.Explain(TestToggles.Beta, boom);
        harness.Toggles.IsEnabled(TestToggles.Beta, boom);

        Assert.Multiple(() =>
        {
            Assert.That((first.IsEnabled, first.Reason), Is.EqualTo((true, ToggleReason.Percent)), "the percentage still answers");
            Assert.That((afterChange.IsEnabled, afterChange.Reason), Is.EqualTo((false, ToggleReason.NoRuleMatched)));
            Assert.That(loggedBeforeChange, Is.EqualTo(1), "once for the first state");
            Assert.That(harness.Logs.WithEventId(43), Has.Count.EqualTo(2), "once more for the new state");
            Assert.That(harness.Logs.WithEventId(43)[0].Exception, Is.InstanceOf<InvalidOperationException>());
            Assert.That(harness.Logs.WithEventId(5), Is.Empty, "not an evaluation failure: the flag still evaluated");
        });
    }

    internal static ToggleHarness Create()
        => ToggleHarness.Create(b => b.AddToggles(TestToggles.All).AddToggleRule<TestRules.PlanRule>("plan"));
}
