using System.Text.Json;
using FeatureFlags.Tests.Support;

namespace FeatureFlags.Tests.Rules.Custom;

public class CustomRuleCodecTests
{
    [Test]
    public void Decode_ValueWrittenBeforeCustomRules_ReadsWithNone()
    {
        const string Old = """{"v":1,"kind":"flag","everyone":null,"percent":10,"testing":false,"superusers":false,"staff":true,"authenticated":false,"users":[],"groups":[],"languages":[]}""";

        var rules = StoredValueCodec.DecodeFlag(Old);

        Assert.That(rules.CustomRules, Is.Empty);
        Assert.That(rules.Staff, Is.True);
    }

    [Test]
    public void Encode_WithoutCustomRules_KeepsTheEarlierShape()
    {
        var json = StoredValueCodec.EncodeFlag(new FlagRules { Percent = 10 });

        Assert.That(json, Does.Not.Contain("\"rules\""));
        Assert.That(json, Does.StartWith("{\"v\":1,"));
    }

    [Test]
    public void EncodeDecode_CustomRules_RoundTripWithTheirParameters()
    {
        var rules = new FlagRules { CustomRules = [TestRules.Plan("pro"), new CustomRule("beta_cohort")] };

        var json = StoredValueCodec.EncodeFlag(rules);
        var decoded = StoredValueCodec.DecodeFlag(json);

        Assert.That(json, Does.Contain("\"rules\":[{\"name\":\"plan\",\"parameters\":{\"plans\":[\"pro\"]}},{\"name\":\"beta_cohort\",\"parameters\":null}]"));
        Assert.That(decoded.CustomRules, Is.EqualTo(rules.CustomRules));
        Assert.That(decoded.ToString(), Is.EqualTo("everyone: unset; rules: plan {\"plans\":[\"pro\"]}, beta_cohort"));
        Assert.That(decoded.IsEmpty, Is.False);
    }

    [TestCase("""{"v":1,"kind":"flag","rules":{}}""")]
    [TestCase("""{"v":1,"kind":"flag","rules":[{"parameters":1}]}""")]
    [TestCase("""{"v":1,"kind":"flag","rules":[{"name":"Bad Name"}]}""")]
    public void Decode_MalformedCustomRules_IsAFormatError(string json)
        => Assert.Throws<FormatException>(() => StoredValueCodec.DecodeFlag(json));

    [Test]
    public void CustomRule_EqualityComparesParametersAsJson()
    {
        var a = CustomRule.FromJson("plan", """{ "plans": ["pro"] }""");
        var b = new CustomRule("plan", JsonDocument.Parse("""{"plans":["pro"]}""").RootElement);

        Assert.That(a, Is.EqualTo(b));
        Assert.That(a, Is.Not.EqualTo(TestRules.Plan("team")));
        Assert.Throws<ArgumentException>(() => CustomRule.FromJson("plan", "{not json"));
    }
}
