using FeatureFlags.Storage;
using FeatureFlags.Tests.Support;

namespace FeatureFlags.Tests.Releases;

public class RevertTests
{
    [Test]
    public async Task Revert_Switch_WritesTheAuditedAfterStateAsANewAuditedVersion()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        var on = await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator, "incident");
        var off = await harness.Admin.SetAsync(TestToggles.Kill, false, Actors.Operator, "recovered");

        var reverted = await harness.Admin.RevertAsync(TestToggles.Kill.FullName, on.Version, Actors.ReleaseManager, expectedVersion: off.Version);
        var history = await harness.Admin.GetHistoryAsync(TestToggles.Kill.FullName);

        Assert.That(reverted!.Version, Is.GreaterThan(off.Version));
        Assert.That(reverted.Value, Is.EqualTo(on.Value));
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.True);
        Assert.That(history[^1].Before, Is.EqualTo(off.Value));
        Assert.That(history[^1].After, Is.EqualTo(on.Value));
        Assert.That((history[^1].Actor, history[^1].Reason), Is.EqualTo(("rm", $"Revert to version {on.Version}")));
    }

    [Test]
    public async Task Revert_Flag_RestoresItsRulesAndPrerequisitesExactly()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        await harness.Admin.SetAsync(ReleaseToggles.Child, new FlagRules { Users = ["ann", "bob"], Percent = 12.5m, Staff = true }, Actors.Operator);
        var withParent = await harness.Admin.RequireAsync(ReleaseToggles.Child, Actors.Operator, ReleaseToggles.Parent);
        await harness.Admin.SetAsync(ReleaseToggles.Child, new FlagRules { Everyone = true }, Actors.Operator);
        await harness.Admin.SetPrerequisitesAsync(ReleaseToggles.Child.FullName, [], Actors.Operator);

        var reverted = await harness.Admin.RevertAsync(ReleaseToggles.Child.FullName, withParent.Version, Actors.Operator, "back to the pilot");

        Assert.That(StoredValueCodec.EncodeFlag(StoredValueCodec.DecodeFlag(reverted!.Value)), Is.EqualTo(StoredValueCodec.EncodeFlag(new FlagRules { Users = ["ann", "bob"], Percent = 12.5m, Staff = true })));
        Assert.That(StoredValueCodec.DecodeRules(reverted.Value).Requires, Is.EqualTo(new[] { new TogglePrerequisite(ReleaseToggles.Parent.FullName) }));
        Assert.That((await harness.Admin.GetHistoryAsync(ReleaseToggles.Child.FullName))[^1].Reason, Is.EqualTo("back to the pilot"));
    }

    [Test]
    public async Task Revert_ToAVersionThatDeletedTheState_DeletesItAgain()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator);
        await harness.Admin.DeleteAsync(TestToggles.Kill.FullName, Actors.Operator);
        var deletedAt = (await harness.Admin.GetHistoryAsync(TestToggles.Kill.FullName))[^1];
        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator);

        var reverted = await harness.Admin.RevertAsync(TestToggles.Kill.FullName, deletedAt.Version, Actors.Operator);

        Assert.That(deletedAt.Action, Is.EqualTo(ToggleAuditAction.Deleted));
        Assert.That(reverted, Is.Null);
        Assert.That(await harness.Store.GetAsync(TestToggles.Kill.FullName), Is.Null);
        Assert.That((await harness.Admin.GetHistoryAsync(TestToggles.Kill.FullName))[^1].Action, Is.EqualTo(ToggleAuditAction.Deleted));
    }

    [Test]
    public async Task Revert_Group_RestoresItsState()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        var on = await harness.Admin.SetAsync(ReleaseToggles.R1, true, Actors.Operator);
        await harness.Admin.SetAsync(ReleaseToggles.R1, false, Actors.Operator);

        await harness.Admin.RevertAsync(ReleaseToggles.R1.FullName, on!.Version, Actors.Operator);

        Assert.That(harness.Toggles.Explain(ReleaseToggles.Checkout).Reason, Is.EqualTo(ToggleReason.ReleaseGroup));
        Assert.That(harness.Toggles.IsEnabled(ReleaseToggles.Checkout), Is.True);
    }

    [Test]
    public async Task Revert_IsRefused_WhenTheToggleChangedKindSince()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        var audit = new ToggleAuditInfo("old-release", null);

        // Written when tests.beta was a switch; the code now declares it a flag, and its state was replaced.
        var asSwitch = await harness.Store.SetAsync(TestToggles.Beta.FullName, "{\"v\":1,\"kind\":\"switch\",\"on\":true}", 0, audit);
        await harness.Store.SetAsync(TestToggles.Beta.FullName, "{\"v\":1,\"kind\":\"flag\",\"everyone\":true}", asSwitch.Version, audit);

        var ex = Assert.ThrowsAsync<ToggleException>(async () => await harness.Admin.RevertAsync(TestToggles.Beta.FullName, asSwitch.Version, Actors.Operator));

        Assert.That(ex!.Code, Is.EqualTo(ToggleErrorCode.Refused));
        Assert.That(ex.Message, Does.Contain("was a switch at that version and is declared as a Flag now"));
    }

    [Test]
    public async Task Revert_ChecksVersionsRolesAndPrerequisites_LikeAnyWrite()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles([.. TestToggles.All, .. ReleaseToggles.All]));
        var guarded = await harness.Admin.SetSwitchAsync(TestToggles.Guarded.FullName, true, Actors.ReleaseManager);
        await harness.Admin.SetSwitchAsync(TestToggles.Guarded.FullName, false, Actors.ReleaseManager);

        Assert.ThrowsAsync<KeyNotFoundException>(async () => await harness.Admin.RevertAsync(TestToggles.Guarded.FullName, 9999, Actors.ReleaseManager));
        Assert.ThrowsAsync<ToggleAccessDeniedException>(async () => await harness.Admin.RevertAsync(TestToggles.Guarded.FullName, guarded.Version, Actors.Operator));
        Assert.ThrowsAsync<ToggleConflictException>(async () => await harness.Admin.RevertAsync(TestToggles.Guarded.FullName, guarded.Version, Actors.ReleaseManager, expectedVersion: guarded.Version));

        // The parent once required the child; since then the child requires the parent: restoring would close a cycle.
        var parentRequiredChild = await harness.Admin.RequireAsync(ReleaseToggles.Parent, Actors.Operator, ReleaseToggles.Child);
        await harness.Admin.SetPrerequisitesAsync(ReleaseToggles.Parent.FullName, [], Actors.Operator);
        await harness.Admin.RequireAsync(ReleaseToggles.Child, Actors.Operator, ReleaseToggles.Parent);

        var cycle = Assert.ThrowsAsync<ToggleException>(async () => await harness.Admin.RevertAsync(ReleaseToggles.Parent.FullName, parentRequiredChild.Version, Actors.Operator));
        Assert.That(cycle!.Message, Does.Contain("would form a cycle"));
    }
}
