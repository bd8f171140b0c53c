using FeatureFlags.Storage;
using FeatureFlags.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Tests.Lifecycle;

public class ToggleStateTransferTests
{
    private static readonly ToggleImportOptions Import = new() { Actor = new ToggleActor("dev"), Reason = "match staging" };

    [Test]
    public async Task Export_ThenImport_IntoEmptyStore_GivesIdenticalState_AndAuditNamesTheImport()
    {
        using var staging = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await staging.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator);
        await staging.Admin.SetAsync(TestToggles.Beta, new FlagRules { Percent = 12.5m, Users = ["ü"] }, Actors.Operator);
        await staging.Admin.SetCourseOverrideAsync(TestToggles.Outline, "course-v1:A+B+C", false, Actors.Operator);
        var json = await staging.Provider.GetRequiredService<IToggleStateTransfer>().ExportAsync();

        using var laptop = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        var result = await laptop.Provider.GetRequiredService<IToggleStateTransfer>().ImportAsync(json, Import);

        Assert.That(result.Applied, Is.True);
        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Changes.Select(c => c.Kind), Is.All.EqualTo(ToggleImportChangeKind.Added));
        Assert.That(await Snapshot(laptop.Store), Is.EqualTo(await Snapshot(staging.Store)));
        Assert.That(laptop.Toggles.IsEnabled(TestToggles.Kill), Is.True);
        Assert.That((await laptop.Admin.GetHistoryAsync(TestToggles.Kill.FullName)).Single().Actor, Is.EqualTo("import by dev"));
    }

    [Test]
    public async Task Import_DryRun_ReportsTheDiffAndWritesNothing()
    {
        using var source = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await source.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator);
        await source.Admin.SetAsync(TestToggles.Beta, new FlagRules { Everyone = true }, Actors.Operator);
        var json = await source.Provider.GetRequiredService<IToggleStateTransfer>().ExportAsync();
        using var target = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await target.Admin.SetAsync(TestToggles.Kill, false, Actors.Operator);
        await target.Admin.SetSiteOverrideAsync(TestToggles.DefaultOn, "s", false, Actors.Operator);
        var before = await Snapshot(target.Store);

        var result = await target.Provider.GetRequiredService<IToggleStateTransfer>().ImportAsync(json, new ToggleImportOptions { Actor = new ToggleActor("dev"), DryRun = true, DeleteMissing = true });

        Assert.That(result.Applied, Is.False);
        Assert.That(result.Changes.Select(c => (c.Key, c.Kind)), Is.EquivalentTo(new[]
        {
            ("tests.kill", ToggleImportChangeKind.Updated),
            ("tests.beta", ToggleImportChangeKind.Added),
            ("tests.default_on/site/s", ToggleImportChangeKind.Deleted),
        }));
        Assert.That(await Snapshot(target.Store), Is.EqualTo(before));
    }

    [Test]
    public async Task Import_UnknownTogglesAndInvalidValues_AreAllReportedAndNothingIsWritten()
    {
        const string Json = """
            {"format": 1, "keys": [
              {"key": "tests.kill", "value": "{\"v\":1,\"kind\":\"switch\",\"on\":true}"},
              {"key": "other.app_toggle", "value": "{\"v\":1,\"kind\":\"switch\",\"on\":true}"},
              {"key": "tests.beta", "value": "{\"v\":1,\"kind\":\"flag\",\"percent\":400}"},
              {"key": "Not A Key", "value": "{}"},
              {"key": "tests.kill", "value": "{\"v\":1,\"kind\":\"switch\",\"on\":false}"},
              {"value": "{}"}
            ]}
            """;
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        var result = await harness.Provider.GetRequiredService<IToggleStateTransfer>().ImportAsync(Json, Import);

        Assert.That(result.Problems.Select(p => (p.Key, p.Severity)), Is.EquivalentTo(new[]
        {
            ("other.app_toggle", ToggleLintSeverity.Warning),
            ("tests.beta", ToggleLintSeverity.Error),
            ("Not A Key", ToggleLintSeverity.Error),
            ("tests.kill", ToggleLintSeverity.Error),
            ("#6", ToggleLintSeverity.Error),
        }));
        Assert.That(result.Problems.Single(p => p.Key == "tests.beta").Message, Does.Contain("outside 0..100"));
        Assert.That(result.Applied, Is.False);
        Assert.That(await Snapshot(harness.Store), Is.Empty, "one error stops the whole import");
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.False);
    }

    [TestCase("not json", "not valid JSON")]
    [TestCase("{\"keys\": []}", "no 'format'")]
    [TestCase("{\"format\": 2, \"keys\": []}", "format 2")]
    [TestCase("{\"format\": 1}", "no 'keys'")]
    public void Import_NotAnExport_ThrowsFormatExceptionSayingWhy(string json, string expected)
    {
        using var harness = ToggleHarness.Create();
        var ex = Assert.ThrowsAsync<FormatException>(async () => await harness.Provider.GetRequiredService<IToggleStateTransfer>().ImportAsync(json, Import));
        Assert.That(ex!.Message, Does.Contain(expected));
    }

    internal static async Task<Dictionary<string, string>> Snapshot(IToggleStore store)
        => (await store.ListAsync(string.Empty)).ToDictionary(r => r.Key, r => r.Value);
}
