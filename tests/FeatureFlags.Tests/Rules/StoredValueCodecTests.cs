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
        Assert.That(StoredValueCodec.DecodeRules(StoredValueCodec.EncodeSwitch(true)), Is.SameAs(CompiledSwitch.On));
        Assert.That(StoredValueCodec.DecodeRules(StoredValueCodec.EncodeSwitch(false)), Is.SameAs(CompiledSwitch.Off));
    }

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
