using FeatureFlags.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Tests.Configuration;

public class ConfigurationOverrideReportTests
{
    private const string Prefix = "FeatureToggles:Overrides:";

    [Test]
    public async Task Report_ShowsTheOverride_AndItsStatus()
    {
        var configuration = new TestConfiguration((Prefix + "tests.kill", "true"));
        using var harness = ConfigurationOverrideTests.Create(configuration);
        await harness.Admin.SetAsync(TestToggles.Kill, false, Actors.Operator);

        var report = await harness.Provider.GetRequiredService<IToggleReporter>().CreateReportAsync();
        var kill = report.Entries.Single(e => e.Name == "tests.kill");
        var beta = report.Entries.Single(e => e.Name == "tests.beta");

        Assert.Multiple(() =>
        {
            Assert.That(kill.ConfigurationOverride, Is.EqualTo("on (FeatureToggles:Overrides:tests.kill)"));
            Assert.That(kill.CurrentSettings, Is.EqualTo("configuration override: on; switch: off"));
            Assert.That(kill.Status, Is.EqualTo(ToggleStatus.On));
            Assert.That(beta.ConfigurationOverride, Is.Null);
            Assert.That(report.ToCsv().Split('\n')[0].TrimEnd(), Does.Contain(",owner,configuration_override,group,members,prerequisites,dependants,schedules"));
        });
    }

    [TestCase("Production", ToggleLintSeverity.Warning)]
    [TestCase("production", ToggleLintSeverity.Warning)]
    [TestCase("Development", ToggleLintSeverity.Info)]
    public async Task Lint_OverrideHidingStoredState_WarnsInProductionOnly(string environment, ToggleLintSeverity expected)
    {
        var configuration = new TestConfiguration((Prefix + "tests.kill", "true"), (Prefix + "tests.beta", "false"));
        using var harness = ConfigurationOverrideTests.Create(configuration, options: o => o.Lint.EnvironmentName = environment);
        await harness.Admin.SetAsync(TestToggles.Kill, false, Actors.Operator);

        var findings = await harness.Provider.GetRequiredService<IToggleReporter>().LintAsync();
        var shadowing = findings.Where(f => f.Rule == "configuration-override-shadows-stored-state").ToList();

        Assert.That(shadowing.Select(f => (f.Toggle, f.Severity)), Is.EqualTo(new[] { ("tests.kill", expected) }), "tests.beta hides nothing: nothing is stored");
        Assert.That(shadowing[0].Message, Does.Contain("FeatureToggles:Overrides:tests.kill").And.Contain($"in {environment}"));
    }

    [Test]
    public async Task Lint_ProductionList_IsConfigurable_AndTheHostsEnvironmentIsUsed()
    {
        var configuration = new TestConfiguration((Prefix + "tests.kill", "true"));
        using var harness = ToggleHarness.Create(
            b =>
            {
                b.AddToggles(TestToggles.All);
                b.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Live" });
            },
            options: o => o.Lint.ProductionEnvironments.Add("Live"),
            configuration: configuration.Root);
        await harness.Admin.SetAsync(TestToggles.Kill, false, Actors.Operator);

        var findings = await harness.Provider.GetRequiredService<IToggleReporter>().LintAsync();

        Assert.That(findings.Single(f => f.Rule == "configuration-override-shadows-stored-state").Severity, Is.EqualTo(ToggleLintSeverity.Warning));
    }

    [Test]
    public async Task Lint_UnknownName_IsAWarningWithTheNearestName()
    {
        var configuration = new TestConfiguration((Prefix + "tests.pilott", "true"));
        using var harness = ConfigurationOverrideTests.Create(configuration);

        var findings = await harness.Provider.GetRequiredService<IToggleReporter>().LintAsync();
        var ignored = findings.Single(f => f.Rule == "configuration-override-ignored");

        Assert.That((ignored.Toggle, ignored.Severity), Is.EqualTo(("tests.pilott", ToggleLintSeverity.Warning)));
        Assert.That(ignored.Message, Does.Contain("did you mean tests.pilot?"));
        Assert.That(ignored.FixHint, Is.EqualTo("Rename the entry to 'tests.pilot'."));
    }
}
