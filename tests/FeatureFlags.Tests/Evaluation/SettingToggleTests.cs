using FeatureFlags.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace FeatureFlags.Tests.Evaluation;

public class SettingToggleTests
{
    [TestCase("true", true)]
    [TestCase("On", true)]
    [TestCase("1", true)]
    [TestCase("false", false)]
    [TestCase("OFF", false)]
    [TestCase("0", false)]
    public void IsEnabled_ReadsConfiguration(string raw, bool expected)
    {
        var configuration = Config(("FeatureToggles:tests.legacy_export", raw));
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All), configuration: configuration);

        var explanation = harness.Toggles.Explain(TestToggles.Legacy);

        Assert.That(explanation.IsEnabled, Is.EqualTo(expected));
        Assert.That(explanation.Reason, Is.EqualTo(ToggleReason.Setting));
    }

    [Test]
    public void IsEnabled_NotABoolean_ServesDefaultAndLogsTheKey()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All), configuration: Config(("FeatureToggles:tests.legacy_export", "maybe")));

        Assert.That(harness.Toggles.Explain(TestToggles.Legacy).Reason, Is.EqualTo(ToggleReason.Default));
        Assert.That(harness.Logs.WithEventId(4).Single().Message, Does.Contain("'maybe'").And.Contain("FeatureToggles:tests.legacy_export"));
    }

    [Test]
    public void IsEnabled_CustomKeyAndSection_AreRead()
    {
        var custom = new ToggleNamespace("settings").Setting("custom_key", TestToggles.Meta("x", ToggleUseCases.OpenEdxOption), configurationKey: "Export:UseLegacy");
        var configuration = Config(("Export:UseLegacy", "true"), ("Toggles:tests.legacy_export", "true"));
        using var harness = ToggleHarness.Create(
            b => b.AddToggles(TestToggles.Legacy, custom),
            options: o => o.ConfigurationSection = "Toggles",
            configuration: configuration);

        Assert.That(harness.Toggles.IsEnabled(custom), Is.True);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Legacy), Is.True);
    }

    [Test]
    public void IsEnabled_ConfigurationReloaded_FollowsNewValue()
    {
        var source = new ReloadableSource();
        var configuration = new ConfigurationBuilder().Add(source).Build();
        source.Provider.Set("FeatureToggles:tests.legacy_export", "false");
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All), configuration: configuration);
        var before = harness.Toggles.IsEnabled(TestToggles.Legacy);

        source.Provider.Set("FeatureToggles:tests.legacy_export", "true");
        source.Provider.RaiseReload();

        Assert.That(before, Is.False);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Legacy), Is.True);
    }

    [Test]
    public void Admin_StoringASettingToggle_IsRefusedWithReason()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        var ex = Assert.ThrowsAsync<ArgumentException>(async () =>
            await harness.Admin.SetSwitchAsync(TestToggles.Legacy.FullName, true, Actors.Operator));

        Assert.That(ex!.Message, Does.Contain("setting toggle").And.Contain("configuration"));
    }

    private static IConfiguration Config(params (string Key, string Value)[] values)
        => new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private sealed class ReloadableSource : IConfigurationSource
    {
        public ReloadableProvider Provider { get; } = new();

        public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider;
    }

    private sealed class ReloadableProvider : ConfigurationProvider
    {
        public void RaiseReload() => OnReload();
    }
}
