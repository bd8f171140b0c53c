using FeatureFlags.Tests.Support;

namespace FeatureFlags.Tests.Rules.Custom;

/// <summary>Every write path checks custom rules with the registered rule, before anything is stored.</summary>
public class CustomRuleWriteTests
{
    [Test]
    public async Task SetFlag_BadParameters_RefusedWithTheRulesMessage_NothingStored()
    {
        using var harness = CustomRuleEvaluationTests.Create();

        var ex = Assert.ThrowsAsync<ToggleException>(async () => await harness.Admin.SetAsync(
            TestToggles.Beta, new FlagRules { CustomRules = [CustomRule.FromJson("plan", "{\"plans\":\"pro\"}")] }, Actors.Operator));

        Assert.That(ToggleErrors.Message(ex!), Is.EqualTo("Invalid flag rules: custom rule 'plan' refused its parameters {\"plans\":\"pro\"}: expected {\"plans\": [\"plan\", ...]}."));
        Assert.That(ToggleErrors.Classify(ex!), Is.EqualTo(ToggleErrorCode.InvalidRequest));
        Assert.That(await harness.Store.GetAsync(TestToggles.Beta.FullName), Is.Null);
    }

    [Test]
    public async Task SetFlag_UnknownRule_RefusedWithTheNearestRegisteredName()
    {
        using var harness = CustomRuleEvaluationTests.Create();

        var ex = Assert.ThrowsAsync<ToggleException>(async () => await harness.Admin.SetAsync(
            TestToggles.Beta, new FlagRules { CustomRules = [new CustomRule("plans")] }, Actors.Operator));

        Assert.That(ex!.Message, Does.Contain("custom rule 'plans' is not registered").And.Contain("did you mean plan?"));
        Assert.That(await harness.Store.GetAsync(TestToggles.Beta.FullName), Is.Null);
    }

    [Test]
    public void SetFlag_InvalidRuleName_RefusedByFlagRulesValidation()
    {
        using var harness = CustomRuleEvaluationTests.Create();

        var ex = Assert.ThrowsAsync<ArgumentException>(async () => await harness.Admin.SetAsync(
            TestToggles.Beta, new FlagRules { CustomRules = [new CustomRule("Plan Rule")] }, Actors.Operator));

        Assert.That(ex!.Message, Does.Contain("custom rule name 'Plan Rule' is not valid"));
    }

    [Test]
    public async Task UpdateFlag_BadParameters_Refused_AndOtherEditsKeepTheStoredCustomRules()
    {
        using var harness = CustomRuleEvaluationTests.Create();
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { CustomRules = [TestRules.Plan("pro")] }, Actors.Operator);

        Assert.ThrowsAsync<ToggleException>(async () => await harness.Admin.UpdateFlagAsync(
            TestToggles.Beta.FullName, r => r with { CustomRules = [CustomRule.FromJson("plan", "[]")] }, Actors.Operator));
        var record = await harness.Admin.UpdateFlagAsync(TestToggles.Beta.FullName, r => r with { Percent = 5 }, Actors.Operator);

        var stored = StoredValueCodec.DecodeFlag(record.Value);
        Assert.That(stored.Percent, Is.EqualTo(5));
        Assert.That(stored.CustomRules, Is.EqualTo(new[] { TestRules.Plan("pro") }));
    }

    [Test]
    public async Task ApplyBatch_BadParameters_RefusesTheWholeBatchWithTheRulesMessage()
    {
        using var harness = CustomRuleEvaluationTests.Create();
        var writes = new[]
        {
            new ToggleStoreWrite(TestToggles.Kill.FullName, StoredValues.Switch(true), 0),
            new ToggleStoreWrite(TestToggles.Beta.FullName, StoredValues.Flag(new FlagRules { CustomRules = [CustomRule.FromJson("plan", "{}")] }), 0),
        };

        var result = await harness.Admin.ApplyAsync(writes, Actors.Operator);

        Assert.That(result.Applied, Is.False);
        var problem = result.Problems.Single();
        Assert.That((problem.Key, problem.Severity, problem.Code), Is.EqualTo((TestToggles.Beta.FullName, ToggleLintSeverity.Error, ToggleErrorCode.InvalidRequest)));
        Assert.That(problem.Message, Does.Contain("expected {\"plans\""));
        Assert.That(await harness.Store.GetAsync(TestToggles.Kill.FullName), Is.Null);
    }

    [Test]
    public async Task ApplyBatch_UnknownRule_Refused()
    {
        using var harness = CustomRuleEvaluationTests.Create();
        var write = new ToggleStoreWrite(TestToggles.Beta.FullName, StoredValues.Flag(new FlagRules { CustomRules = [new CustomRule("tier")] }), 0);

        var result = await harness.Admin.ApplyAsync([write], Actors.Operator);

        Assert.That(result.HasErrors, Is.True);
        Assert.That(result.Problems.Single().Message, Does.Contain("custom rule 'tier' is not registered in this application (registered: plan)"));
    }

    [Test]
    public void AddToggleRule_SameNameTwice_Throws()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        var builder = services.AddFeatureToggles().AddToggleRule<TestRules.PlanRule>("plan");

        Assert.Throws<ArgumentException>(() => builder.AddToggleRule<TestRules.ThrowingRule>("plan"));
        Assert.Throws<ArgumentException>(() => builder.AddToggleRule<TestRules.ThrowingRule>("Bad-Name"));
    }
}
