using FeatureFlags.Storage;
using FeatureFlags.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Tests.Administration;

/// <summary>The edge cases that slipped between the surfaces, now decided once in the write pipeline.</summary>
public class WritePipelineEdgeCaseTests
{
    private static readonly ToggleActor Manager = new("mia", "release-managers");
    private static readonly ToggleActor Bob = new("bob");

    [Test]
    public void WrongMethodForAProtectedToggle_WithoutTheRole_IsAccessDenied_NotATypeMessage()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        var ex = Assert.ThrowsAsync<ToggleAccessDeniedException>(async () => await harness.Admin.SetFlagAsync(TestToggles.Guarded.FullName, new FlagRules { Everyone = true }, Bob));

        Assert.That(ex!.Message, Does.Contain("release-managers").And.Not.Contain("not a flag"), "a caller without the role learns nothing more about the toggle");
    }

    [Test]
    public async Task RefusedRevert_NamesTheRolesOfThePrerequisiteItWouldRestore()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        var required = await harness.Admin.SetPrerequisitesAsync(TestToggles.Kill.FullName, [new(TestToggles.Guarded.FullName)], Manager);
        await harness.Admin.SetPrerequisitesAsync(TestToggles.Kill.FullName, [], Manager);

        var ex = Assert.ThrowsAsync<ToggleAccessDeniedException>(async () => await harness.Admin.RevertAsync(TestToggles.Kill.FullName, required.Version, Bob));

        Assert.That(ex!.RequiredRoles, Is.EqualTo(new[] { "release-managers" }));
        Assert.That(ex.Message, Does.Contain($"may not make '{TestToggles.Kill.FullName}' require '{TestToggles.Guarded.FullName}'").And.Contain("[release-managers]").And.Not.Contain("[]"));
    }

    [Test]
    public async Task TwoStoredSpellingsOfOneOrganization_AreALintError_AndClearingOneRemovesBoth()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        // As an older, case-sensitive version could have stored them.
        await harness.Store.WriteBatchAsync(
            [new("tests.pilot/org/edX", StoredValueCodec.EncodeOverride(true), 0), new("tests.pilot/org/edx", StoredValueCodec.EncodeOverride(true), 0)],
            new ToggleAuditInfo("older version"));
        var reporter = harness.Provider.GetRequiredService<IToggleReporter>();
        var before = (await reporter.LintAsync()).Where(f => f.Rule == "organization-spellings").ToList();

        await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Pilot, "edX", null, Manager, "pilot over");

        Assert.That(before, Has.Count.EqualTo(1));
        Assert.That(before[0].Severity, Is.EqualTo(ToggleLintSeverity.Error));
        Assert.That(before[0].Message, Does.Contain("'edX'").And.Contain("'edx'"));
        Assert.That(await harness.Store.ListAsync("tests.pilot/"), Is.Empty, "every spelling is cleared, so no instance answers from one left behind");
        Assert.That((await reporter.LintAsync()).Where(f => f.Rule == "organization-spellings"), Is.Empty);
    }

    [Test]
    public async Task StoredCycle_WrittenAroundThePipeline_IsALintError()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        await harness.Store.WriteBatchAsync(
            [
                new(ReleaseToggles.Child.FullName, StoredValueCodec.EncodeFlag(new FlagRules { Everyone = true }, [new(ReleaseToggles.Grandchild.FullName)]), 0),
                new(ReleaseToggles.Grandchild.FullName, StoredValueCodec.EncodeFlag(new FlagRules { Everyone = true }, [new(ReleaseToggles.Child.FullName)]), 0),
            ],
            new ToggleAuditInfo("around the pipeline"));

        var findings = (await harness.Provider.GetRequiredService<IToggleReporter>().LintAsync()).Where(f => f.Rule == "prerequisite-cycle").ToList();

        Assert.That(findings, Has.Count.EqualTo(1));
        Assert.That(findings[0].Message, Does.Contain("cycle").And.Contain(ReleaseToggles.Child.FullName).And.Contain(ReleaseToggles.Grandchild.FullName));
    }

    [Test]
    public async Task SiteOverrideOfAGroup_StoredAroundThePipeline_IsALintWarning_AndAConfigurationOverrideOfAGroupIsIgnored()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new($"FeatureToggles:Overrides:{ReleaseToggles.R1.FullName}", "true")])
            .Build();
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All), configuration: configuration);
        await harness.Store.SetAsync($"{ReleaseToggles.R1.FullName}/site/shop.example", StoredValueCodec.EncodeOverride(true), 0, new ToggleAuditInfo("around the pipeline"));

        var findings = await harness.Provider.GetRequiredService<IToggleReporter>().LintAsync();

        Assert.That(findings.Where(f => f.Rule == "group-override-ignored").Select(f => f.Toggle), Is.EqualTo(new[] { ReleaseToggles.R1.FullName }));
        Assert.That(findings.Where(f => f.Rule == "configuration-override-ignored").Select(f => f.Message), Has.Some.Contain("release group"));
        Assert.That(harness.Toggles.Explain(ReleaseToggles.Checkout).Reason, Is.Not.EqualTo(ToggleReason.Configuration), "a member does not follow an override of its group");
    }

    [TestCase(" course-v1:edX+A+1", "white space")]
    [TestCase("course-v1:edX+A+1 ", "white space")]
    [TestCase("course-v1:edX\u200b+A+1", "U+200B")]
    [TestCase("course-v1:edX\ufeff+A+1", "U+FEFF")]
    public async Task Subject_ThatCallersNeverPass_IsRefused_AndNothingIsStored(string subject, string says)
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        var ex = Assert.ThrowsAsync<ToggleException>(async () => await harness.Admin.SetCourseOverrideAsync(TestToggles.Outline, subject, true, Manager));

        Assert.That(ex!.Code, Is.EqualTo(ToggleErrorCode.InvalidRequest));
        Assert.That(ex.Message, Does.Contain(says));
        Assert.That(await harness.Store.ListAsync("tests.outline/"), Is.Empty);
    }
}
