namespace FeatureFlags.Tests.Rules;

public class StoredValueCodecTests
{
    [Test]
    public void Flag_RoundTrip_KeepsEveryField()
    {
        var rules = new FlagRules
        {
            Everyone = null,
            Percent = 33.333m,
            Testing = true,
            Superusers = true,
            Staff = true,
            Authenticated = true,
            Users = ["ü\"ser", "b"],
            Groups = ["g"],
            Languages = ["pt-BR"],
        };

        var decoded = StoredValueCodec.DecodeFlag(StoredValueCodec.EncodeFlag(rules));

        Assert.That(decoded.Percent, Is.EqualTo(33.333m));
        Assert.That(decoded.Users, Is.EqualTo(rules.Users));
        Assert.That(decoded.ToString(), Is.EqualTo(rules.ToString()));
    }

    [Test]
    public void Switch_RoundTrip()
    {
        Assert.That(StoredValueCodec.DecodeRules(StoredValueCodec.EncodeSwitch(true)), Is.EqualTo(new StoredSwitch(true)));
        Assert.That(StoredValueCodec.DecodeRules(StoredValueCodec.EncodeSwitch(false)), Is.EqualTo(new StoredSwitch(false)));
    }

    [Test]
    public void Compile_PlainSwitchAndGroup_AreTheSharedInstances_ScheduledOnesAreNot()
    {
        var schedule = new ToggleSchedule(activeUntil: new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.That(CompiledRules.Compile(StoredValueCodec.DecodeRules(StoredValueCodec.EncodeSwitch(true))), Is.SameAs(CompiledSwitch.On));
        Assert.That(CompiledRules.Compile(StoredValueCodec.DecodeRules(StoredValueCodec.EncodeGroup(false))), Is.SameAs(CompiledGroup.Off));
        var scheduled = CompiledRules.Compile(StoredValueCodec.DecodeRules(StoredValueCodec.EncodeSwitch(true, schedule: schedule)));
        Assert.That(scheduled, Is.Not.SameAs(CompiledSwitch.On));
        Assert.That((scheduled as CompiledSwitch)?.IsOn, Is.True);
        Assert.That(scheduled.Schedule, Is.EqualTo(schedule));
    }

    [Test]
    public void DecodeRules_Flag_CarriesKindPrerequisitesAndScheduleWithoutCompiling()
    {
        var schedule = new ToggleSchedule(new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var json = StoredValueCodec.EncodeFlag(new FlagRules { Percent = 5 }, [new TogglePrerequisite("tests.kill", Enabled: false)], schedule);

        var stored = StoredValueCodec.DecodeRules(json);

        Assert.That(stored, Is.TypeOf<StoredFlag>());
        Assert.That(stored.Kind, Is.EqualTo(StoredValueCodec.FlagKind));
        Assert.That(((StoredFlag)stored).Rules.Percent, Is.EqualTo(5));
        Assert.That(stored.Requires, Is.EqualTo(new[] { new TogglePrerequisite("tests.kill", Enabled: false) }));
        Assert.That(stored.Schedule, Is.EqualTo(schedule));
        Assert.That(StoredValueCodec.Encode(stored), Is.EqualTo(json), "written out again unchanged");
    }

    [Test]
    public void DecodeRules_GroupWithPrerequisites_IsAFormatError()
        => Assert.That(
            Assert.Throws<FormatException>(() => StoredValueCodec.DecodeRules("""{"v":1,"kind":"group","on":true,"requires":[{"toggle":"tests.kill"}]}"""))!.Message,
            Does.Contain("cannot have prerequisites"));

    [TestCase("not json", "not valid JSON")]
    [TestCase("[1,2]", "JSON object")]
    [TestCase("{\"kind\":\"switch\",\"on\":true}", "format version")]
    [TestCase("{\"v\":2,\"kind\":\"switch\",\"on\":true}", "newer version")]
    [TestCase("{\"v\":1,\"kind\":\"rocket\"}", "Unknown toggle kind")]
    [TestCase("{\"v\":1,\"kind\":\"switch\",\"on\":\"yes\"}", "'on' must be true or false")]
    [TestCase("{\"v\":1,\"kind\":\"flag\",\"percent\":250}", "outside 0..100")]
    [TestCase("{\"v\":1,\"kind\":\"flag\",\"users\":[1]}", "array of strings")]
    public void DecodeRules_InvalidValue_ThrowsFormatExceptionSayingWhy(string json, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => StoredValueCodec.DecodeRules(json));
        Assert.That(ex!.Message, Does.Contain(expected));
    }
}
