using FeatureFlags.Dashboard.Tests.Support;

namespace FeatureFlags.Dashboard.Tests;

/// <summary>
/// With its SQLite file gone, the dashboard says the store is unavailable (503 with Retry-After), never a 500.
/// </summary>
public sealed class DashboardStoreFailureTests
{
    [Test]
    public async Task MissingDatabaseFile_EveryPageIs503_AndTheDashboardRecoversWhenItIsBack()
    {
        await using var app = new DashboardApp();
        var page = await Browser.OpenAsync(app, "ada", DashboardFixture.Admin);
        await page.GotoAsync("/toggles/");
        var file = app.DatabasePath;
        File.Move(file, file + ".away");
        foreach (var extra in new[] { "-wal", "-shm" }.Where(e => File.Exists(file + e)))
        {
            File.Move(file + extra, file + ".away" + extra);
        }

        var list = await page.APIRequest.GetAsync("/toggles/");
        var toggle = await page.APIRequest.GetAsync("/toggles/t/storefront.maintenance_banner");
        var debt = await page.APIRequest.GetAsync("/toggles/debt");

        Assert.That(new[] { list.Status, toggle.Status, debt.Status }, Is.All.EqualTo(503));
        Assert.That(list.Headers["retry-after"], Is.EqualTo("5"));
        Assert.That(await list.TextAsync(), Does.Contain("Toggle store unavailable").And.Not.Contain("Exception"));

        File.Move(file + ".away", file);
        foreach (var extra in new[] { "-wal", "-shm" }.Where(e => File.Exists(file + ".away" + e)))
        {
            File.Move(file + ".away" + extra, file + extra);
        }

        Assert.That((await page.APIRequest.GetAsync("/toggles/")).Status, Is.EqualTo(200));
    }
}
