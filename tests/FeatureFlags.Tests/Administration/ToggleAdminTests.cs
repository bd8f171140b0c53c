using FeatureFlags.Tests.Support;

namespace FeatureFlags.Tests.Administration;

public class ToggleAdminTests
{
    [Test]
    public async Task Write_WithoutDeclaredRole_RefusedLoggedAndNothingChanges()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        var ex = Assert.ThrowsAsync<ToggleAccessDeniedException>(async () =>
            await harness.Admin.SetAsync(TestToggles.Guarded, true, new ToggleActor("intern", "developers"), "trying"));

        Assert.That(ex!.Message, Does.Contain("'intern'").And.Contain("release-managers").And.Contain("tests.guarded"));
        Assert.That(await harness.Store.GetAsync(TestToggles.Guarded.FullName), Is.Null);
        Assert.That(await harness.Admin.GetHistoryAsync(TestToggles.Guarded.FullName), Is.Empty);
        Assert.That(harness.Logs.WithEventId(8).Single().Message, Does.Contain("intern"));
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Guarded), Is.False);
    }

    [Test]
    public async Task Write_WithDeclaredRole_Allowed_AndOverridesAreGuardedToo()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        await harness.Admin.SetAsync(TestToggles.Guarded, true, Actors.ReleaseManager);

        Assert.That(harness.Toggles.IsEnabled(TestToggles.Guarded), Is.True);
        Assert.ThrowsAsync<ToggleAccessDeniedException>(async () =>
            await harness.Admin.SetSiteOverrideAsync(TestToggles.Guarded, "s", false, Actors.Operator));
        Assert.ThrowsAsync<ToggleAccessDeniedException>(async () =>
            await harness.Admin.DeleteAsync(TestToggles.Guarded.FullName, Actors.Operator));
    }

    [Test]
    public async Task History_RecordsActorReasonBeforeAndAfterForEveryWrite()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Percent = 5 }, new ToggleActor("ana"), "start rollout");
        await harness.Admin.UpdateFlagAsync(TestToggles.Beta.FullName, r => r with { Percent = 20 }, new ToggleActor("ben"), "widen");
        await harness.Admin.SetSiteOverrideAsync(TestToggles.Beta, "eu.example", false, new ToggleActor("cy"), "gdpr review");

        var history = await harness.Admin.GetHistoryAsync(TestToggles.Beta.FullName);

        Assert.That(history.Select(h => (h.Actor, h.Reason, h.Action)), Is.EqualTo(new[]
        {
            ("ana", (string?)"start rollout", ToggleAuditAction.Created),
            ("ben", "widen", ToggleAuditAction.Updated),
            ("cy", "gdpr review", ToggleAuditAction.Created),
        }));
        Assert.That(StoredValueCodec.DecodeFlag(history[1].Before!).Percent, Is.EqualTo(5));
        Assert.That(StoredValueCodec.DecodeFlag(history[1].After!).Percent, Is.EqualTo(20));
    }

    [Test]
    public void SetSwitch_OnAFlag_RefusedNamingTheType()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        var ex = Assert.ThrowsAsync<ArgumentException>(async () => await harness.Admin.SetSwitchAsync(TestToggles.Beta.FullName, true, Actors.Operator));

        Assert.That(ex!.Message, Does.Contain("not a switch").And.Contain("Flag"));
    }

    [Test]
    public async Task SetSwitch_UndeclaredNameStoredAsFlag_Refused()
    {
        using var harness = ToggleHarness.Create();
        await harness.Admin.SetFlagAsync("tools.only", new FlagRules { MatchNobody = true }, Actors.Operator);

        var ex = Assert.ThrowsAsync<ArgumentException>(async () => await harness.Admin.SetSwitchAsync("tools.only", true, Actors.Operator));

        Assert.That(ex!.Message, Does.Contain("stored as a flag"));
    }

    [TestCase("Bad Name")]
    [TestCase("nodot")]
    [TestCase("")]
    public void AnyWrite_InvalidName_ThrowsArgumentException(string name)
    {
        using var harness = ToggleHarness.Create();

        Assert.ThrowsAsync(Is.InstanceOf<ArgumentException>(), async () => await harness.Admin.SetSwitchAsync(name, true, Actors.Operator));
    }

    [Test]
    public void SetFlag_InvalidRules_ThrowsAndStoresNothing()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        Assert.ThrowsAsync<ArgumentException>(async () => await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Percent = 101 }, Actors.Operator));
        Assert.That(harness.Store.GetAsync(TestToggles.Beta.FullName).AsTask().Result, Is.Null);
    }

    [Test]
    public async Task UpdateFlag_ConcurrentWriters_LoseNoUpdate()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { MatchNobody = true }, Actors.Operator);
        var succeeded = new System.Collections.Concurrent.ConcurrentBag<string>();
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            try
            {
                await harness.Admin.UpdateFlagAsync(TestToggles.Beta.FullName, r => r with { Users = [.. r.Users, $"user{i}"] }, new ToggleActor($"writer{i}"));
                succeeded.Add($"user{i}");
            }
            catch (ToggleConflictException)
            {
                Interlocked.Increment(ref conflicts);
            }
        })));

        var final = StoredValueCodec.DecodeFlag((await harness.Store.GetAsync(TestToggles.Beta.FullName))!.Value);
        var updates = (await harness.Admin.GetHistoryAsync(TestToggles.Beta.FullName)).Where(h => h.Action == ToggleAuditAction.Updated).ToList();

        Assert.That(final.Users, Is.EquivalentTo(succeeded));
        Assert.That(updates, Has.Count.EqualTo(succeeded.Count));
        Assert.That(succeeded.Count + conflicts, Is.EqualTo(16));
    }

    [Test]
    public async Task ClearOverride_ThatDoesNotExist_WritesNoAudit()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        var result = await harness.Admin.SetCourseOverrideAsync(TestToggles.Outline, "course-v1:A+B+C", null, Actors.Operator);

        Assert.That(result, Is.Null);
        Assert.That(await harness.Admin.GetHistoryAsync(TestToggles.Outline.FullName), Is.Empty);
    }
}
