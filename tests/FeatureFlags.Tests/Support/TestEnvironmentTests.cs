namespace FeatureFlags.Tests.Support;

public class TestEnvironmentTests
{
    [TestCase("true")]
    [TestCase("TRUE")]
    [TestCase("1")]
    [TestCase("yes")]
    [TestCase("github-actions")]
    [TestCase(" true ")]
    public void MeansCi_AnyOtherValue_IsCi(string value)
        => Assert.That(TestEnvironment.MeansCi(value), Is.True);

    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    [TestCase("false")]
    [TestCase("False")]
    [TestCase("FALSE")]
    [TestCase("0")]
    [TestCase(" 0 ")]
    public void MeansCi_UnsetEmptyFalseOrZero_IsNotCi(string? value)
        => Assert.That(TestEnvironment.MeansCi(value), Is.False);
}
