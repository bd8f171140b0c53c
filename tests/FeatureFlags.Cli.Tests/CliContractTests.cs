using Microsoft.Data.Sqlite;

namespace FeatureFlags.Cli.Tests;

/// <summary>
/// Every command through the tool's entry point, against a real store; run for SQLite and for PostgreSQL.
/// Declared metadata comes from the TestUtilities assembly (ContractToggles), loaded with --assembly.
/// </summary>
public abstract partial class CliContractTests
{
    private static readonly string Assembly = typeof(ContractToggles).Assembly.Location;

    protected abstract Task<string[]> NewStoreAsync();

    protected abstract void UseStore(FeatureTogglesBuilder builder, string[] store);

    /// <summary>Returns a new, unopened connection to the store's database, to read or plant rows directly.</summary>
    protected abstract System.Data.Common.DbConnection Connect(string[] store);

    [Test]
    public async Task Switch_Show_History_List_ChangeStateAndReadItBack()
    {
        var store = await NewStoreAsync();

        var set = await RunAsync(store, "switch", "contract.kill", "on", "--actor", "ana", "--reason", "incident 7", "--assembly", Assembly);
        var show = await RunAsync(store, "show", "contract.kill", "--assembly", Assembly);
        var history = await RunAsync(store, "history", "contract.kill");
        var list = await RunAsync(store, "list", "--assembly", Assembly, "--status", "on");
        var json = await RunAsync(store, "list", "--assembly", Assembly, "--json");

        Assert.Multiple(() =>
        {
            Assert.That(set.Code, Is.EqualTo(ExitCodes.Ok), set.Error);
            Assert.That(set.Output, Does.Contain("contract.kill switched on"));
            Assert.That(show.Output, Does.Contain("description: Kill switch.").And.Contain("settings:    switch: on").And.Contain("ana Created contract.kill: incident 7"));
            Assert.That(history.Output, Does.Contain("ana").And.Contain("incident 7"));
            Assert.That(list.Output.Split('\n').Count(l => l.StartsWith("contract.", StringComparison.Ordinal)), Is.EqualTo(1), "only contract.kill is on");
            Assert.That(System.Text.Json.JsonDocument.Parse(json.Output).RootElement.GetProperty("toggles").GetArrayLength(), Is.EqualTo(ContractToggles.All.Length));
        });
    }

    [Test]
    public async Task Flag_EveryOption_UpdatesTheRules()
    {
        var store = await NewStoreAsync();
        await RunAsync(store, "flag", "contract.rollout", "--add-user", "u1", "--add-user", "u2", "--add-group", "beta", "--assembly", Assembly);

        var result = await RunAsync(store, "flag", "contract.rollout", "--percent", "12.5", "--remove-user", "u1", "--staff", "on", "--superusers", "on",
            "--authenticated", "off", "--languages", "fr,de", "--testing", "on", "--everyone", "unset");

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Ok), result.Error);
        Assert.That(result.Output, Does.Contain("everyone: unset; percent: 12.5; superusers; staff; users: u2; groups: beta; languages: fr,de; testing"));
        var off = await RunAsync(store, "flag", "contract.rollout", "--everyone", "off");
        Assert.That(off.Output, Does.Contain("everyone: off"));
    }

    [Test]
    public async Task Flag_RuleOption_SetsReplacesAndRemovesCustomRules_KeepingOtherRules()
    {
        var store = await NewStoreAsync();
        await RunAsync(store, "flag", "contract.rollout", "--percent", "5", "--assembly", Assembly);

        var set = await RunAsync(store, "flag", "contract.rollout", "--rule", "plan={\"plans\":[\"pro\"]}", "--rule", "beta_cohort");
        var replaced = await RunAsync(store, "flag", "contract.rollout", "--rule", "plan={\"plans\":[\"team\"]}");
        var removed = await RunAsync(store, "flag", "contract.rollout", "--remove-rule", "beta_cohort");
        var badJson = await RunAsync(store, "flag", "contract.rollout", "--rule", "plan={plans");
        var badName = await RunAsync(store, "flag", "contract.rollout", "--rule", "Plan={}");

        Assert.Multiple(() =>
        {
            Assert.That(set.Code, Is.EqualTo(ExitCodes.Ok), set.Error);
            Assert.That(set.Output, Does.Contain("everyone: unset; percent: 5; rules: plan {\"plans\":[\"pro\"]}, beta_cohort"));
            Assert.That(set.Output, Does.Contain("checks their names and parameters when it loads them"));
            Assert.That(replaced.Output, Does.Contain("rules: beta_cohort, plan {\"plans\":[\"team\"]}"));
            Assert.That(removed.Output, Does.Contain("percent: 5; rules: plan {\"plans\":[\"team\"]} (version"));
            Assert.That((badJson.Code, badJson.Error), Is.EqualTo((ExitCodes.Usage, badJson.Error)));
            Assert.That(badJson.Error, Does.Contain("not valid JSON"));
            Assert.That(badName.Code, Is.EqualTo(ExitCodes.Usage));
            Assert.That(badName.Error, Does.Contain("custom rule name 'Plan' is not valid"));
        });
    }

    [Test]
    public async Task Override_SetAndClear_ForEachLevel()
    {
        var store = await NewStoreAsync();

        var course = await RunAsync(store, "override", "course", "contract.outline", "course-v1:A+B+C", "on", "--assembly", Assembly);
        var org = await RunAsync(store, "override", "org", "contract.pilot", "acme", "off", "--assembly", Assembly);
        var site = await RunAsync(store, "override", "site", "contract.kill", "eu.example", "on", "--assembly", Assembly);
        var cleared = await RunAsync(store, "override", "site", "contract.kill", "eu.example", "clear", "--assembly", Assembly);
        var wrongLevel = await RunAsync(store, "override", "course", "contract.kill", "x", "on", "--assembly", Assembly);
        var show = await RunAsync(store, "show", "contract.outline", "--assembly", Assembly);

        Assert.That(new[] { course.Code, org.Code, site.Code, cleared.Code }, Is.All.EqualTo(ExitCodes.Ok));
        Assert.That(cleared.Output, Does.Contain("cleared"));
        Assert.That(wrongLevel.Code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(wrongLevel.Error, Does.Contain("course flags only"));
        Assert.That(show.Output, Does.Contain("override:    course/course-v1:A+B+C = on"));
    }

    [Test]
    public async Task Delete_RefusedWhileDeclared_AllowedWithForceOrForOrphans()
    {
        var store = await NewStoreAsync();
        await RunAsync(store, "switch", "contract.kill", "on", "--create");
        await RunAsync(store, "switch", "gone.orphan", "on", "--create");

        var refused = await RunAsync(store, "delete", "contract.kill", "--assembly", Assembly);
        var forced = await RunAsync(store, "delete", "contract.kill", "--assembly", Assembly, "--force");
        var orphan = await RunAsync(store, "delete", "gone.orphan", "--assembly", Assembly);

        Assert.That(refused.Code, Is.EqualTo(ExitCodes.Findings));
        Assert.That(refused.Error, Does.Contain("still declared").And.Contain("step one"), "a refusal is an error, on stderr");
        Assert.That(forced.Code, Is.EqualTo(ExitCodes.Ok));
        Assert.That(orphan.Output, Does.Contain("1 stored key(s) deleted"));
    }

    [Test]
    public async Task Report_EachFormat_AndLint_ExitCodeByThreshold()
    {
        var store = await NewStoreAsync();
        await RunAsync(store, "switch", "gone.orphan", "on", "--create");

        var md = await RunAsync(store, "report", "--assembly", Assembly);
        var csv = await RunAsync(store, "report", "--format", "csv", "--assembly", Assembly);
        var json = await RunAsync(store, "report", "--format", "json", "--assembly", Assembly);
        var lintErrors = await RunAsync(store, "lint", "--assembly", Assembly);
        var lintInfo = await RunAsync(store, "lint", "--assembly", Assembly, "--fail-on", "info");
        var badFormat = await RunAsync(store, "report", "--format", "pdf");

        Assert.Multiple(() =>
        {
            Assert.That(md.Output, Does.Contain("| gone.orphan |"));
            Assert.That(csv.Output, Does.StartWith("name,description"));
            Assert.That(System.Text.Json.JsonDocument.Parse(json.Output).RootElement.GetProperty("toggles").GetArrayLength(), Is.EqualTo(ContractToggles.All.Length + 1));
            Assert.That(lintErrors.Code, Is.EqualTo(ExitCodes.Ok), "no error-level findings");
            Assert.That(lintInfo.Code, Is.EqualTo(ExitCodes.Findings));
            Assert.That(lintInfo.Output, Does.Contain("gone.orphan [orphan]"));
            Assert.That(badFormat.Code, Is.EqualTo(ExitCodes.Usage));
        });
    }

    [Test]
    public async Task ExportImport_DryRunThenApply_IntoAnotherStore()
    {
        var source = await NewStoreAsync();
        var target = await NewStoreAsync();
        await RunAsync(source, "switch", "contract.kill", "on", "--create");
        await RunAsync(source, "flag", "contract.rollout", "--add-user", "u1", "--create");
        using var folder = new TempFolder("ff-export-");
        var file = folder.PathOf("export.json");
        var export = await RunAsync(source, "export", file);
        var dry = await RunAsync(target, "import", file, "--dry-run");
        var listAfterDry = await RunAsync(target, "list", "--json");
        var applied = await RunAsync(target, "import", file);
        var show = await RunAsync(target, "show", "contract.rollout");

        Assert.That(export.Code, Is.EqualTo(ExitCodes.Ok));
        Assert.That(dry.Output, Does.Contain("added    contract.kill").And.Contain("dry run, nothing written"));
        Assert.That(System.Text.Json.JsonDocument.Parse(listAfterDry.Output).RootElement.GetProperty("toggles").GetArrayLength(), Is.Zero);
        Assert.That(applied.Output, Does.Contain("2 change(s) applied"));
        Assert.That(show.Output, Does.Contain("users: u1"));
    }

    [Test]
    public async Task Manifest_WritesTypeScriptConstants_ForExposedTogglesOnly()
    {
        var store = await NewStoreAsync();
        using var folder = new TempFolder("ff-manifest-");
        var file = folder.PathOf("manifest.ts");
        var result = await RunAsync(store, "manifest", "--typescript", file, "--assembly", Assembly);
        var withoutAssembly = await RunAsync(store, "manifest", "--typescript", file);
        var withoutStore = await RunAsync([], "manifest", "--typescript", file, "--assembly", Assembly);

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Ok), result.Error);
        var manifest = await File.ReadAllTextAsync(file);
        Assert.That(manifest, Does.Contain("ContractKill: \"contract.kill\",").And.Contain("export type ToggleName").And.Contain("export interface ToggleState"));
        Assert.That(manifest, Does.Not.Contain("contract.rollout"), "only toggles marked ExposeToClients reach a front end");
        Assert.That(withoutAssembly.Code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(withoutStore.Code, Is.EqualTo(ExitCodes.Ok), "a build step needs no store: " + withoutStore.Error);
    }

    [Test]
    public async Task BadInput_OneClearLineOnStderr_RightExitCode_NoStackTrace()
    {
        var store = await NewStoreAsync();

        var cases = new (string[] Args, int Code, string Message)[]
        {
            (["frobnicate"], ExitCodes.Usage, "Unknown command 'frobnicate'"),
            (["switch", "Not.Valid", "on"], ExitCodes.Usage, "not a valid toggle name"),
            (["switch", "contract.kill", "maybe"], ExitCodes.Usage, "must be on or off"),
            (["flag", "contract.rollout", "--percent", "abc"], ExitCodes.Usage, "--percent must be a number"),
            (["flag", "contract.rollout", "--percent", "101", "--create"], ExitCodes.Usage, "outside 0..100"),
            (["flag", "contract.rollout", "--colour", "red"], ExitCodes.Usage, "Unknown option --colour"),
            (["show", "contract.never_heard_of"], ExitCodes.Usage, "Unknown toggle 'contract.never_heard_of'"),
            (["switch", "contract.billing", "off", "--assembly", Assembly, "--actor", "dev"], ExitCodes.Findings, "requires one of the roles [finance]"),
        };

        foreach (var (args, code, message) in cases)
        {
            var result = await RunAsync(store, args);
            Assert.That(result.Code, Is.EqualTo(code), string.Join(' ', args) + " → " + result.Error);
            Assert.That(result.Error, Does.Contain(message), string.Join(' ', args));
            Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1), "one line, no stack trace");
        }

        var verbose = await RunAsync(store, "show", "contract.never_heard_of", "--verbose");
        Assert.That(verbose.Error, Does.Contain("   at "), "--verbose adds the stack trace");
        var allowed = await RunAsync(store, "switch", "contract.billing", "off", "--assembly", Assembly, "--actor", "fin", "--roles", "finance");
        Assert.That(allowed.Code, Is.EqualTo(ExitCodes.Ok), allowed.Error);
    }

    [Test]
    public async Task ConcurrentInvocations_ConflictsExitWithOne_AndNoUpdateIsLost()
    {
        var store = await NewStoreAsync();
        await RunAsync(store, "flag", "contract.rollout", "--add-user", "seed", "--create");
        using var start = new Barrier(12);

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Factory.StartNew(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            return (User: $"user{i}", Result: await RunAsync(store, "flag", "contract.rollout", "--add-user", $"user{i}", "--actor", $"op{i}"));
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()));

        var show = await RunAsync(store, "show", "contract.rollout", "--json");
        var settings = System.Text.Json.JsonDocument.Parse(show.Output).RootElement.GetProperty("currentSettings").GetString()!;
        var succeeded = results.Where(r => r.Result.Code == ExitCodes.Ok).Select(r => r.User).ToList();
        var conflicted = results.Where(r => r.Result.Code == ExitCodes.Findings).ToList();

        await TestContext.Progress.WriteLineAsync($"{GetType().Name}: {succeeded.Count} succeeded, {conflicted.Count} conflicted");
        Assert.Multiple(() =>
        {
            Assert.That(succeeded.Count + conflicted.Count, Is.EqualTo(12), "every run either succeeded or reported a conflict");
            Assert.That(conflicted.Select(c => c.Result.Error), Is.All.Contain("Conflict writing 'contract.rollout'"));
            foreach (var user in succeeded)
            {
                Assert.That(settings, Does.Contain(user + ",").Or.EndWith(user), "a successful write is kept");
            }

            foreach (var (user, _) in conflicted)
            {
                Assert.That(settings, Does.Not.Contain(user + ",").And.Not.EndWith(user), "a conflicted write changed nothing");
            }
        });
    }

    [Test]
    public async Task List_FiltersByNamespaceAndType()
    {
        var store = await NewStoreAsync();
        await RunAsync(store, "switch", "other.thing", "on", "--create");

        var byNamespace = await RunAsync(store, "list", "--assembly", Assembly, "--namespace", "other");
        var byType = await RunAsync(store, "list", "--assembly", Assembly, "--type", "CourseFlag");
        var badStatus = await RunAsync(store, "list", "--status", "sometimes");

        Assert.That(byNamespace.Output.Split('\n').Where(l => l.Contains('.', StringComparison.Ordinal)).Select(l => l.Split(' ')[0]), Is.EqualTo(new[] { "other.thing" }));
        Assert.That(byType.Output.Split('\n').Where(l => l.Contains('.', StringComparison.Ordinal)).Select(l => l.Split(' ')[0]), Is.EqualTo(new[] { "contract.outline" }));
        Assert.That(badStatus.Code, Is.EqualTo(ExitCodes.Usage));
    }

    [Test]
    public async Task ChangeMadeByTheTool_ReachesARunningAppsCache()
    {
        var store = await NewStoreAsync();
        using var app = ToggleHarness.Create(b =>
        {
            b.AddToggles(ContractToggles.All);
            UseStore(b, store);
        });
        Assert.That(app.Toggles.IsEnabled(ContractToggles.Kill), Is.False);

        var seen = app.WhenApplied(() => app.Toggles.IsEnabled(ContractToggles.Kill));
        var result = await RunAsync(store, "switch", "contract.kill", "on", "--actor", "ops", "--create");
        await seen.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Ok));
        Assert.That(app.Toggles.Explain(ContractToggles.Kill).Reason, Is.EqualTo(ToggleReason.Switch));
    }

    protected static async Task<(int Code, string Output, string Error)> RunAsync(string[] store, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await TogglesCommand.RunAsync([.. args, .. store], output, error, new Dictionary<string, string?>());
        SqliteConnection.ClearAllPools();
        return (code, output.ToString(), error.ToString());
    }
}
