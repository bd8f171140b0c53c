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
    [TestCase("course-v1:edX\U000E0041+A+1", "U+E0041")]
    [TestCase("course-v1:edX\u034f+A+1", "U+034F")]
    [TestCase("course-v1:edX\u3164+A+1", "U+3164")]
    [TestCase("course-v1:edX\ufe0f+A+1", "U+FE0F")]
    [TestCase("course-v1:edX\u2800+A+1", "U+2800")]
    [TestCase("course-v1:edX\u00a0A+1", "U+00A0")]
    public async Task Subject_ThatCallersNeverPass_IsRefused_AndNothingIsStored(string subject, string says)
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        var ex = Assert.ThrowsAsync<ToggleException>(async () => await harness.Admin.SetCourseOverrideAsync(TestToggles.Outline, subject, true, Manager));

        Assert.That(ex!.Code, Is.EqualTo(ToggleErrorCode.InvalidRequest));
        Assert.That(ex.Message, Does.Contain(says));
        Assert.That(await harness.Store.ListAsync("tests.outline/"), Is.Empty);
    }

    private static readonly ToggleNamespace Guarded = new("guarded");
    private static readonly ToggleGroup Launch = Guarded.Group("launch", TestToggles.Meta("A release.", ToggleUseCases.IncrementalRelease));
    private static readonly Switch Billing = Guarded.Switch("billing", new ToggleMetadata
    {
        Description = "Billing, guarded.",
        UseCases = ToggleUseCases.IncrementalRelease,
        CreatedOn = TestToggles.Created,
        Group = "launch",
        EditorRoles = ["billing"],
    });

    private static readonly Switch Ops = Guarded.Switch("ops", TestToggles.Meta("Anyone may flip it.", ToggleUseCases.CircuitBreaker));

    [Test]
    public async Task DeletingAGroupsState_NeedsEveryMembersRoles_OnEveryPath()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(Launch, Billing, Ops));
        var owner = new ToggleActor("owner", "billing");
        var record = await harness.Admin.SetGroupAsync(Launch.FullName, true, owner);

        var delete = Assert.ThrowsAsync<ToggleAccessDeniedException>(async () => await harness.Admin.DeleteAsync(Launch.FullName, Bob));
        var batch = await harness.Admin.ApplyAsync([new ToggleStoreWrite(Launch.FullName, null, record!.Version)], Bob);
        var revert = Assert.ThrowsAsync<ToggleAccessDeniedException>(async () => await harness.Admin.RevertAsync(Launch.FullName, 1, Bob));

        Assert.That(delete!.Message, Does.Contain(Billing.FullName));
        Assert.That(batch.Applied, Is.False);
        Assert.That(ToggleErrors.Worst(batch.Problems), Is.EqualTo(ToggleErrorCode.AccessDenied));
        Assert.That(revert, Is.Not.Null);
        Assert.That(await harness.Store.GetAsync(Launch.FullName), Is.Not.Null, "the group still answers");
    }

    [Test]
    public async Task KeepingAPrerequisiteAlreadyStored_NeedsNoRoleOfIt_AddingOneDoes()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(Launch, Billing, Ops));
        await harness.Admin.SetPrerequisitesAsync(Ops.FullName, [new(Billing.FullName)], new ToggleActor("owner", "billing"));

        var flipped = await harness.Admin.SetAsync(Ops, true, Bob, "incident");

        Assert.That(StoredValueCodec.PrerequisitesOrEmpty(flipped.Value).Select(p => p.Toggle), Is.EqualTo(new[] { Billing.FullName }), "the flip kept the prerequisite");
        await harness.Admin.SetPrerequisitesAsync(Ops.FullName, [], Bob, "dropping needs no role of it");
        Assert.ThrowsAsync<ToggleAccessDeniedException>(async () => await harness.Admin.SetPrerequisitesAsync(Ops.FullName, [new(Billing.FullName)], Bob), "naming it anew does");
    }

    [Test]
    public async Task RevertWithoutTheRole_IsAccessDenied_BeforeAnythingAboutItsVersions()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        Assert.ThrowsAsync<ToggleAccessDeniedException>(async () => await harness.Admin.RevertAsync(TestToggles.Guarded.FullName, 999, Bob));
        Assert.ThrowsAsync<ToggleAccessDeniedException>(async () => await harness.Admin.RevertAsync(TestToggles.Guarded.FullName, 1, Bob, expectedVersion: 1234));
        await Task.CompletedTask;
    }

    [Test]
    public void FlagRulesThatMatchNobody_AreRefusedAlsoWhenTheFlagHasPrerequisites()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));

        Assert.DoesNotThrowAsync(async () => await harness.Admin.SetPrerequisitesAsync(ReleaseToggles.Child.FullName, [new(ReleaseToggles.Parent.FullName)], Manager));
        var ex = Assert.ThrowsAsync<ToggleException>(async () => await harness.Admin.SetFlagAsync(ReleaseToggles.Child.FullName, new FlagRules(), Manager));

        Assert.That(ex!.Message, Does.Contain("match nobody"));
    }

    [Test]
    public async Task AnIndexThatLies_CannotHideACycle_AndIsMendedByTheNextWrite()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        await harness.Admin.SetPrerequisitesAsync(ReleaseToggles.Child.FullName, [new(ReleaseToggles.Parent.FullName)], Manager);

        // Written around the pipeline: parent requires grandchild, and the index is told nothing requires anything.
        var index = (await harness.Store.GetAsync(PrerequisiteIndex.Key))!;
        await harness.Store.WriteBatchAsync(
            [
                new(ReleaseToggles.Parent.FullName, StoredValueCodec.EncodeSwitch(true, [new(ReleaseToggles.Grandchild.FullName)]), 0),
                new(PrerequisiteIndex.Key, """{"requires":{}}""", index.Version),
            ],
            new ToggleAuditInfo("around the pipeline"));

        var ex = Assert.ThrowsAsync<ToggleException>(async () => await harness.Admin.SetPrerequisitesAsync(ReleaseToggles.Grandchild.FullName, [new(ReleaseToggles.Child.FullName)], Manager));
        await harness.Admin.SetAsync(ReleaseToggles.Child, new FlagRules { Everyone = true }, Manager);
        var mended = PrerequisiteIndex.TryDecode((await harness.Store.GetAsync(PrerequisiteIndex.Key))!.Value)!;

        Assert.That(ex!.Code, Is.EqualTo(ToggleErrorCode.Refused));
        Assert.That(ex.Message, Does.Contain("cycle"));
        Assert.That(mended.PrerequisitesOf(ReleaseToggles.Parent.FullName).Select(p => p.Toggle), Is.EqualTo(new[] { ReleaseToggles.Grandchild.FullName }), "what the store holds replaced what the index claimed");
    }

    [TestCase("[]")]
    [TestCase("\"x\"")]
    [TestCase("""{"requires":{"releases.child":[1]}}""")]
    [TestCase("""{"requires":{"releases.child":["releases.parent"]}}""")]
    [TestCase("not json")]
    public async Task AnUnreadableIndex_IsRebuiltFromTheStore_NotAFailure(string index)
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        await harness.Admin.SetPrerequisitesAsync(ReleaseToggles.Child.FullName, [new(ReleaseToggles.Parent.FullName)], Manager);
        var stored = (await harness.Store.GetAsync(PrerequisiteIndex.Key))!;
        await harness.Store.SetAsync(PrerequisiteIndex.Key, index, stored.Version, new ToggleAuditInfo("around the pipeline"));

        await harness.Admin.SetAsync(ReleaseToggles.Parent, true, Manager);
        var view = await harness.Provider.GetRequiredService<IToggleCatalog>().GetAsync(ReleaseToggles.Parent.FullName);
        var refused = Assert.ThrowsAsync<ToggleException>(async () => await harness.Admin.DeleteAsync(ReleaseToggles.Parent.FullName, Manager));

        Assert.That(view!.Entry.Dependants, Is.EqualTo(new[] { ReleaseToggles.Child.FullName }), "rebuilt by the write");
        Assert.That(refused!.Code, Is.EqualTo(ToggleErrorCode.Refused));
    }

    [Test]
    public async Task AStoredScheduleThatEndedSince_DoesNotBlockRemovingPrerequisites()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        using var harness = ToggleHarness.Create(b =>
        {
            b.AddToggles(ReleaseToggles.All);
            b.Services.AddSingleton<TimeProvider>(clock);
        });
        await harness.Admin.SetAsync(ReleaseToggles.Child, new FlagRules { Everyone = true }, Manager, schedule: new ToggleSchedule(activeUntil: new DateTimeOffset(2026, 12, 10, 0, 0, 0, TimeSpan.Zero)));
        await harness.Admin.SetPrerequisitesAsync(ReleaseToggles.Child.FullName, [new(ReleaseToggles.Parent.FullName)], Manager);
        clock.Now = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var cleared = await harness.Admin.SetPrerequisitesAsync(ReleaseToggles.Child.FullName, [], Manager);

        Assert.That(StoredValueCodec.PrerequisitesOrEmpty(cleared.Value), Is.Empty);
        Assert.That(await harness.Admin.DeleteAsync(ReleaseToggles.Parent.FullName, Manager), Is.GreaterThanOrEqualTo(0));
    }

    [TestCase("ada\u200b", "user")]
    [TestCase("beta\u00a0testers", "group")]
    public void FlagRuleEntry_WithAnInvisibleCharacter_IsRefused(string entry, string what)
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        var rules = what == "user" ? new FlagRules { Users = [entry] } : new FlagRules { Groups = [entry] };

        var ex = Assert.ThrowsAsync<ToggleException>(async () => await harness.Admin.SetAsync(TestToggles.Beta, rules, Manager));

        Assert.That(ex!.Code, Is.EqualTo(ToggleErrorCode.InvalidRequest));
        Assert.That(ex.Message, Does.Contain($"The {what} ").And.Contain("invisible character"));
    }
}
