using System.Net;
using FeatureFlags.AspNetCore.Tests.Support;
using FeatureFlags.Samples.Web;
using FeatureFlags.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.AspNetCore.Tests.Gating;

/// <summary>
/// The running app: the web sample hosted for real, on its SQLite file, with <see cref="TimeProvider"/> replaced
/// by a clock the test sets. A scheduled value starts or stops answering at its instant with no store write in between:
/// the only change between the two requests is the clock.
/// </summary>
public sealed class ScheduledGateTests : SampleAppTest
{
    private static readonly DateTimeOffset T = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private ManualTimeProvider _clock = null!;

    /// <summary>A new clock per test (NUnit shares the fixture instance), one second before T.</summary>
    protected override SampleApp CreateApp()
    {
        var clock = _clock = new ManualTimeProvider(T - TimeSpan.FromSeconds(1));
        return new() { ExtraServices = services => services.AddSingleton<TimeProvider>(clock) };
    }

    [Test]
    public async Task GatedEndpoint_SwitchActiveFromT_Opens_AtT_WithNoStoreChange()
    {
        await App.Admin.SetAsync(StorefrontToggles.MaintenanceBanner, true, SampleApp.Operator, "maintenance window", new ToggleSchedule(activeFrom: T));

        var before = await Client.GetAsync("/maintenance");
        var stored = await StoreSnapshotAsync();
        _clock.Now = T;
        var at = await Client.GetAsync("/maintenance");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "closed before T");
            Assert.That(at.StatusCode, Is.EqualTo(HttpStatusCode.OK), "open at T");
            Assert.That(await at.Content.ReadAsStringAsync(), Is.EqualTo("We are doing maintenance tonight."));
            Assert.That(await StoreSnapshotAsync(), Is.EqualTo(stored), "no key, version or audit row changed between the requests");
        });
    }

    [Test]
    public async Task GatedEndpoint_SiteOverrideActiveUntilT_Closes_AtT_WithNoStoreChange()
    {
        // The sample reads the site from the Host header: the client calls https://localhost.
        await App.Admin.SetSiteOverrideAsync(StorefrontToggles.MaintenanceBanner, "localhost", true, SampleApp.Operator, "until nine", new ToggleSchedule(activeUntil: T));

        var before = await Client.GetAsync("/maintenance");
        var stored = await StoreSnapshotAsync();
        _clock.Now = T;
        var at = await Client.GetAsync("/maintenance");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the site override opens it before T");
            Assert.That(at.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "closed at T: the switch's code default (off) again");
            Assert.That(await StoreSnapshotAsync(), Is.EqualTo(stored));
        });
    }

    [Test]
    public async Task OrgAnswer_OrgOverrideActiveUntilT_FallsBackToTheFlagsRules_AtT_WithNoStoreChange()
    {
        await App.Admin.SetOrganizationOverrideAsync(StorefrontToggles.PilotDashboard, "Acme", true, SampleApp.Operator, "pilot until nine", new ToggleSchedule(activeUntil: T));

        var before = await Client.GetStringAsync("/orgs/Acme");
        var stored = await StoreSnapshotAsync();
        _clock.Now = T;
        var at = await Client.GetStringAsync("/orgs/Acme");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(before, Does.StartWith("storefront.pilot_dashboard = on"));
            Assert.That(at, Does.StartWith("storefront.pilot_dashboard = off"));
            Assert.That(await StoreSnapshotAsync(), Is.EqualTo(stored));
        });
    }

    /// <summary>Every stored key with its version, and the audit's length: equal snapshots mean nothing was written.</summary>
    private async Task<string> StoreSnapshotAsync()
    {
        var store = App.Services.GetRequiredService<IToggleStore>();
        var records = await store.ListAsync(string.Empty);
        var audit = 0;
        foreach (var key in records.Select(r => ToggleKeys.TryParse(r.Key, out var name, out _, out _) ? name : r.Key).Distinct(StringComparer.Ordinal))
        {
            audit += (await store.GetHistoryAsync(key)).Count;
        }

        return string.Join("; ", records.Select(r => $"{r.Key}@{r.Version}")) + $"; audit rows: {audit}";
    }
}
