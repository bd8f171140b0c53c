using FeatureFlags.Tests.Support;

namespace FeatureFlags.Tests.Evaluation;

public class ExplainTests
{
    [Test]
    public async Task Explain_Percent_NamesBucketAndThreshold()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Percent = 12.5m }, Actors.Operator);
        var bucket = PercentRollout.GetBucket(TestToggles.Beta.FullName, "alice");

        var explanation = harness.Toggles.Explain(TestToggles.Beta, new ToggleContext { UserId = "alice" });

        Assert.That(explanation.Detail, Does.Contain($"bucket {bucket}").And.Contain("12500").And.Contain("12.5 %"));
        Assert.That(explanation.IsEnabled, Is.EqualTo(bucket < 12_500));
    }

    [Test]
    public async Task Explain_Group_NamesTheMatchingGroup()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Groups = ["beta-squad"] }, Actors.Operator);

        var explanation = harness.Toggles.Explain(TestToggles.Beta, new ToggleContext { UserId = "u", Groups = ["staff", "beta-squad"] });

        Assert.That(explanation.Detail, Does.Contain("'beta-squad'"));
        Assert.That(explanation.ToString(), Does.StartWith("tests.beta = on by Group"));
    }

    [Test]
    public void Explain_NothingStored_SaysCodeDefault()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        Assert.That(harness.Toggles.Explain(TestToggles.DefaultOn).Detail, Does.Contain("code default (on)"));
    }
}
