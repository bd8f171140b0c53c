using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Cli.Tests;

/// <summary>
/// <c>--from</c>/<c>--until</c> on switch, flag, override and group, and the schedules in show, list, report and lint.
/// Instants are far in the past or the future, so pending and expired do not depend on when the tests run.
/// </summary>
public abstract partial class CliContractTests
{
    [Test]
    public async Task Switch_FromInTheFuture_StoresUtc_AndShowListReportSayPending()
    {
        var store = await NewStoreAsync();

        var set = await RunAsync(store, "switch", "contract.kill", "on", "--from", "2099-01-01T10:00:00+02:00", "--assembly", Assembly);
        var show = await RunAsync(store, "show", "contract.kill", "--assembly", Assembly);
        var list = await RunAsync(store, "list", "--assembly", Assembly, "--namespace", "contract");
        var report = await RunAsync(store, "report", "--format", "json", "--assembly", Assembly);

        var kill = JsonDocument.Parse(report.Output).RootElement.GetProperty("toggles").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "contract.kill");
        Assert.Multiple(async () =>
        {
            Assert.That(set.Code, Is.EqualTo(ExitCodes.Ok), set.Error);
            Assert.That(set.Output, Does.Contain("contract.kill switched on (scheduled from 2099-01-01T08:00:00Z)"));
            Assert.That(await StoredValueAsync(store, "contract.kill"), Does.Contain("\"activeFrom\":\"2099-01-01T08:00:00Z\"").And.Not.Contain("activeUntil"), "the offset is converted to UTC");
            Assert.That(show.Output, Does.Contain("  schedule:    state from 2099-01-01T08:00:00Z (pending)"));
            Assert.That(list.Output, Does.Contain("SCHEDULES"));
            Assert.That(list.Output.Split('\n').Single(l => l.StartsWith("contract.kill ", StringComparison.Ordinal)), Does.Contain("1 pending"));
            Assert.That(kill.GetProperty("schedules").GetString(), Is.EqualTo("contract.kill from 2099-01-01T08:00:00Z (pending)"));
        });
    }

    [Test]
    public async Task Override_EndedInThePast_IsRefused_OneThatEndedSinceIsExpiredInShowAndReport_AndLintNamesTheFix()
    {
        var store = await NewStoreAsync();

        var refused = await RunAsync(store, "override", "org", "contract.pilot", "acme", "on", "--from", "2020-01-01T00:00:00Z", "--until", "2020-02-01T00:00Z", "--assembly", Assembly);

        // Written while the window was open (an app whose clock stands in January 2020); it has ended since.
        using (var then = ToggleHarness.Create(b =>
        {
            b.AddToggles(ContractToggles.All);
            UseStore(b, store);
            b.Services.AddSingleton<TimeProvider>(new ManualTimeProvider(new DateTimeOffset(2020, 1, 15, 0, 0, 0, TimeSpan.Zero)));
        }))
        {
            await then.Admin.SetOrganizationOverrideAsync(ContractToggles.Pilot, "acme", true, new ToggleActor("ana"),
                schedule: new ToggleSchedule(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2020, 2, 1, 0, 0, 0, TimeSpan.Zero)));
        }

        var show = await RunAsync(store, "show", "contract.pilot", "--assembly", Assembly);
        var report = await RunAsync(store, "report", "--assembly", Assembly);
        var lint = await RunAsync(store, "lint", "--fail-on", "warning", "--assembly", Assembly);

        Assert.Multiple(() =>
        {
            Assert.That(refused.Code, Is.EqualTo(ExitCodes.Usage), "a window already over would never answer (a year typo)");
            Assert.That(refused.Error, Does.Contain("The schedule ended at 2020-02-01T00:00:00Z, before now"));
            Assert.That(show.Output, Does.Contain("acme from 2020-01-01T00:00:00Z until 2020-02-01T00:00:00Z (expired)"));
            Assert.That(report.Output, Does.Contain("until 2020-02-01T00:00:00Z (expired)"));
            Assert.That(lint.Code, Is.EqualTo(ExitCodes.Findings));
            Assert.That(lint.Output, Does.Contain("schedule-expired").And.Contain("toggles override"));
        });
    }

    [TestCase("2099-01-01T09:00", "has no offset")]
    [TestCase("2099-01-01T09:00:00", "has no offset")]
    [TestCase("2099-01-01", "has no offset")]
    [TestCase("next monday", "is not an ISO 8601 instant")]
    public async Task LocalTimeOrNonsense_IsRefused_AndNothingIsWritten(string from, string message)
    {
        var store = await NewStoreAsync();
        await RunAsync(store, "switch", "contract.kill", "off", "--assembly", Assembly);
        var before = await SnapshotAsync(store);

        var result = await RunAsync(store, "switch", "contract.kill", "on", "--from", from, "--assembly", Assembly);

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(result.Error, Does.Contain($"--from '{from}' {message}"));
        Assert.That(await SnapshotAsync(store), Is.EqualTo(before));
    }

    [Test]
    public async Task UntilNotAfterFrom_IsRefused_AndAClearedOverrideTakesNoSchedule()
    {
        var store = await NewStoreAsync();
        var before = await SnapshotAsync(store);

        var backwards = await RunAsync(store, "group", "release.spring", "on", "--from", "2099-02-01T00:00:00Z", "--until", "2099-01-01T00:00:00Z", "--assembly", Releases);
        var clear = await RunAsync(store, "override", "site", "contract.kill", "eu.example", "clear", "--until", "2099-01-01T00:00:00Z", "--assembly", Assembly);

        Assert.Multiple(async () =>
        {
            Assert.That(backwards.Code, Is.EqualTo(ExitCodes.Usage));
            Assert.That(backwards.Error, Does.Contain("--until (2099-01-01T00:00:00Z) must be after --from (2099-02-01T00:00:00Z)"));
            Assert.That(clear.Code, Is.EqualTo(ExitCodes.Usage));
            Assert.That(clear.Error, Does.Contain("takes no schedule"));
            Assert.That(await SnapshotAsync(store), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task Group_UntilInTheFuture_IsStoredAndActive()
    {
        var store = await NewStoreAsync();

        var set = await RunAsync(store, "group", "release.spring", "on", "--until", "2099-01-01T00:00:00-05:00", "--assembly", Releases);
        var show = await RunAsync(store, "show", "release.spring", "--assembly", Releases);

        Assert.Multiple(async () =>
        {
            Assert.That(set.Output, Does.Contain("release.spring on for every member (scheduled until 2099-01-01T05:00:00Z)"), set.Error);
            Assert.That(await StoredValueAsync(store, "release.spring"), Does.Contain("\"activeUntil\":\"2099-01-01T05:00:00Z\""));
            Assert.That(show.Output, Does.Contain("  schedule:    state until 2099-01-01T05:00:00Z (active)"));
        });
    }

    [Test]
    public async Task Flag_FromReplacesTheSchedule_RuleEditsKeepIt_AlwaysRemovesIt()
    {
        var store = await NewStoreAsync();

        var scheduled = await RunAsync(store, "flag", "contract.rollout", "--percent", "5", "--from", "2099-01-01T00:00:00Z", "--assembly", Assembly);
        var edited = await RunAsync(store, "flag", "contract.rollout", "--add-user", "u1");
        var versioned = await RunAsync(store, "flag", "contract.rollout", "--add-user", "u2", "--expect-version", "2");
        var keptValue = await StoredValueAsync(store, "contract.rollout");
        var rescheduled = await RunAsync(store, "flag", "contract.rollout", "--until", "2099-06-01T00:00:00Z");
        var always = await RunAsync(store, "flag", "contract.rollout", "--always");
        var both = await RunAsync(store, "flag", "contract.rollout", "--always", "--from", "2099-01-01T00:00:00Z");

        Assert.Multiple(async () =>
        {
            Assert.That(scheduled.Output, Does.Contain("percent: 5 (scheduled from 2099-01-01T00:00:00Z) (version 1)"), scheduled.Error);
            Assert.That(edited.Output, Does.Contain("users: u1 (scheduled from 2099-01-01T00:00:00Z)"), edited.Error);
            Assert.That(versioned.Output, Does.Contain("users: u1,u2 (scheduled from 2099-01-01T00:00:00Z)"), versioned.Error);
            Assert.That(keptValue, Does.Contain("\"activeFrom\":\"2099-01-01T00:00:00Z\""));
            Assert.That(rescheduled.Output, Does.Contain("(scheduled until 2099-06-01T00:00:00Z)"), rescheduled.Error);
            Assert.That(always.Code, Is.EqualTo(ExitCodes.Ok), always.Error);
            Assert.That(await StoredValueAsync(store, "contract.rollout"), Does.Not.Contain("active").And.Contain("u2"));
            Assert.That(both.Code, Is.EqualTo(ExitCodes.Usage));
        });
    }

    private async Task<string?> StoredValueAsync(string[] store, string key)
    {
        await using var connection = Connect(store);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM ff_state WHERE key = @key";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "key";
        parameter.Value = key;
        command.Parameters.Add(parameter);
        return await command.ExecuteScalarAsync() as string;
    }
}
