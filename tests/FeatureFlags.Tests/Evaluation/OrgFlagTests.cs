using FeatureFlags.Tests.Support;

namespace FeatureFlags.Tests.Evaluation;

public class OrgFlagTests
{
    [Test]
    public async Task IsEnabled_PilotOrgOn_OtherOrgsFollowTheFlag()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Pilot, new FlagRules { Staff = true }, Actors.Operator);
        await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Pilot, "enterprise-42", true, Actors.Operator);
        await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Pilot, "opted-out", false, Actors.Operator);
        var staff = new ToggleContext { UserId = "s", IsStaff = true };

        Assert.Multiple(() =>
        {
            Assert.That(harness.Toggles.Explain(TestToggles.Pilot, "enterprise-42").Reason, Is.EqualTo(ToggleReason.Organization));
            Assert.That(harness.Toggles.IsEnabled(TestToggles.Pilot, "enterprise-42"), Is.True);
            Assert.That(harness.Toggles.IsEnabled(TestToggles.Pilot, "enterprise-7"), Is.False);
            Assert.That(harness.Toggles.IsEnabled(TestToggles.Pilot, staff), Is.True, "no org given: the flag's rules");
            Assert.That(harness.Toggles.Explain(TestToggles.Pilot, "opted-out", staff).IsEnabled, Is.False, "org opt-out beats the staff rule");
        });
    }

    [Test]
    public void Admin_OrgOverrideOnASwitch_IsRefused()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        Assert.ThrowsAsync<ArgumentException>(async () =>
            await harness.Admin.SetOverrideAsync(TestToggles.Kill.FullName, OverrideLevel.Organization, "acme", true, Actors.Operator));
    }
}
