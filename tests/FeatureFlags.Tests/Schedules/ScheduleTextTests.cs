namespace FeatureFlags.Tests.Schedules;

/// <summary>
/// The one reader of typed schedules that the CLI, the admin API and the dashboard share.
/// </summary>
public class ScheduleTextTests
{
    [TestCase("2026-12-07T09:00:00Z", "2026-12-07T09:00:00Z")]
    [TestCase("2026-12-07T09:00Z", "2026-12-07T09:00:00Z")]
    [TestCase("2026-12-07T09:00:00.5z", "2026-12-07T09:00:00.5Z")]
    [TestCase("2026-12-07T10:00:00+01:00", "2026-12-07T09:00:00Z")]
    [TestCase("2026-12-07T04:00-05:00", "2026-12-07T09:00:00Z")]
    [TestCase("2026-12-07T10:00:00+0100", "2026-12-07T09:00:00Z")]
    [TestCase(" 2026-12-07T09:00:00+00:00 ", "2026-12-07T09:00:00Z")]
    public void ParseInstant_WithZOrAnOffset_IsConvertedToUtc(string text, string utc)
    {
        var instant = ScheduleText.ParseInstant(text, "--from");

        Assert.That(ToggleSchedule.Format(instant), Is.EqualTo(utc));
        Assert.That(instant.Offset, Is.EqualTo(TimeSpan.Zero));
    }

    [TestCase("2026-12-07T09:00")]
    [TestCase("2026-12-07T09:00:00")]
    [TestCase("2026-12-07 09:00")]
    [TestCase("2026-12-07")]
    public void ParseInstant_LocalTimeWithoutOffset_IsRefusedNamingTheField(string text)
    {
        var ex = Assert.Throws<FormatException>(() => ScheduleText.ParseInstant(text, "activeFrom"));

        Assert.That(ex!.Message, Does.StartWith($"activeFrom '{text}' has no offset").And.Contain("with Z"));
    }

    [TestCase("tomorrow")]
    [TestCase("07/12/2026 09:00 +01:00")]
    [TestCase("2026-13-07T09:00:00Z")]
    public void ParseInstant_NotAnIsoInstant_IsRefusedNamingTheField(string text)
    {
        var ex = Assert.Throws<FormatException>(() => ScheduleText.ParseInstant(text, "activeUntil"));

        Assert.That(ex!.Message, Does.StartWith($"activeUntil '{text}' is not an ISO 8601 instant"));
    }

    [Test]
    public void Parse_NeitherGiven_IsNoSchedule_AndAnEndNotAfterTheStartIsRefused()
    {
        Assert.That(ScheduleText.Parse(null, " ", "from", "until"), Is.Null);
        Assert.That(ScheduleText.Parse("2026-12-07T09:00:00Z", null, "from", "until"), Is.EqualTo(new ToggleSchedule(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero))));

        var ex = Assert.Throws<FormatException>(() => ScheduleText.Parse("2026-12-07T10:00:00+01:00", "2026-12-07T09:00:00Z", "from", "until"));
        Assert.That(ex!.Message, Does.Contain("until (2026-12-07T09:00:00Z) must be after from (2026-12-07T09:00:00Z)"));
    }
}
