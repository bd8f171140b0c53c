using FeatureFlags.Storage;

namespace FeatureFlags.Tests.Storage;

public class ToggleKeysTests
{
    [TestCase(OverrideLevel.Site, "white.example", "a.b/site/white.example")]
    [TestCase(OverrideLevel.Course, "course-v1:A+B+C", "a.b/course/course-v1:A+B+C")]
    [TestCase(OverrideLevel.Organization, "Acme/Sub", "a.b/org/Acme/Sub")]
    public void ForOverride_RoundTripsThroughTryParse(OverrideLevel level, string subject, string expectedKey)
    {
        var key = ToggleKeys.ForOverride("a.b", level, subject);
        var parsed = ToggleKeys.TryParse(key, out var fullName, out var parsedLevel, out var parsedSubject);

        Assert.That(key, Is.EqualTo(expectedKey));
        Assert.That((parsed, fullName, parsedLevel, parsedSubject), Is.EqualTo((true, "a.b", (OverrideLevel?)level, subject)));
    }

    [TestCase("a.b", true)]
    [TestCase("nodot", false)]
    [TestCase("a.b/unknown/x", false)]
    [TestCase("a.b/course/", false)]
    [TestCase("A.b/course/x", false)]
    public void TryParse_RejectsKeysOutsideTheLayout(string key, bool expected)
    {
        Assert.That(ToggleKeys.TryParse(key, out _, out _, out _), Is.EqualTo(expected));
    }

    [Test]
    public void ForOverride_SubjectTooLongOrWithControlCharacters_ThrowsWithReason()
    {
        Assert.That(() => ToggleKeys.ForOverride("a.b", OverrideLevel.Course, new string('x', 1001)), Throws.ArgumentException.With.Message.Contains("1000"));
        Assert.That(() => ToggleKeys.ForOverride("a.b", OverrideLevel.Course, "bad\nkey"), Throws.ArgumentException.With.Message.Contains("control character"));
        Assert.That(() => ToggleKeys.ForOverride("not valid", OverrideLevel.Course, "x"), Throws.ArgumentException.With.Message.Contains("not a valid toggle name"));
        Assert.That(ToggleKeys.ForOverride("a.b", OverrideLevel.Course, new string('é', 1000)), Has.Length.EqualTo(1011));
        Assert.That(() => ToggleKeys.ForOverride("a.b", OverrideLevel.Course, new string('用', 1000)), Throws.ArgumentException.With.Message.Contains("3000 bytes"));
    }
}
