namespace FeatureFlags.Tests.Rules;

/// <summary>
/// <see cref="FlagRules"/> itself: validation and its summary text (how a flag evaluates its rules is in
/// <c>Evaluation/FlagTests</c>).
/// </summary>
public class FlagRulesTests
{
    [TestCase(-1)]
    [TestCase(100.001)]
    [TestCase(12.3456)]
    public void Validate_BadPercent_ThrowsNamingIt(double percent)
    {
        var ex = Assert.Throws<ArgumentException>(() => new FlagRules { Percent = (decimal)percent }.Validate());
        Assert.That(ex!.Message, Does.Contain("percent"));
    }

    [Test]
    public void Validate_EmptyEntries_ListsEachList()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FlagRules { Users = [""], Groups = [" "], Languages = ["fr", ""] }.Validate());
        Assert.That(ex!.Message, Does.Contain("users").And.Contain("groups").And.Contain("languages"));
    }

    [Test]
    public void ToString_SummarisesRules()
    {
        Assert.That(new FlagRules { Everyone = true, Users = ["a"] }.ToString(), Is.EqualTo("everyone: on"));
        Assert.That(new FlagRules { Percent = 2.5m, Groups = ["beta"], Staff = true }.ToString(), Is.EqualTo("everyone: unset; percent: 2.5; staff; groups: beta"));
    }
}
