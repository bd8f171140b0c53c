namespace FeatureFlags.Tests.Evaluation;

public class CourseKeyParserTests
{
    [TestCase("course-v1:Acme+CS101+2026", "Acme")]
    [TestCase("ccx-v1:Acme+CS101+2026+ccx@3", "Acme")]
    [TestCase("Acme/CS101/2026", "Acme")]
    [TestCase("course-v1:+CS101+2026", "")]
    [TestCase("course-v1:Acme", "")]
    [TestCase("Acme/CS101", "")]
    [TestCase("plain", "")]
    [TestCase("", "")]
    public void GetOrganization_KnownFormats(string key, string expected)
    {
        Assert.That(new CourseKeyParser().GetOrganization(key).ToString(), Is.EqualTo(expected));
    }
}
