namespace FeatureFlags.Cli.Tests;

/// <summary>Imports are all or nothing; a dry run and a real run report the same problems and the same exit code.</summary>
public abstract partial class CliContractTests
{
    [Test]
    public async Task Import_InvalidEntries_DryRunAndRealRunPrintTheSameEscapedProblems_ExitTwo_NothingWritten()
    {
        var store = await NewStoreAsync();
        await RunAsync(store, "switch", "contract.kill", "on", "--create");
        var before = await SnapshotAsync(store);
        using var folder = new TempFolder("ff-import-");
        var file = folder.PathOf("import.json");
        await File.WriteAllTextAsync(file, """
            {"format": 1, "keys": [
              {"key": "contract.kill", "value": "{\"v\":1,\"kind\":\"switch\",\"on\":false}"},
              {"key": "contract.rollout", "value": "not json"},
              {"key": "evil\u001b[2J.x", "value": "{\"v\":1,\"kind\":\"switch\",\"on\":true}"}
            ]}
            """);
        var dry = await RunAsync(store, "import", file, "--dry-run");
        var real = await RunAsync(store, "import", file);

        static string[] Problems(string output) => [.. output.Split('\n').Where(l => l.StartsWith("error", StringComparison.Ordinal) || l.StartsWith("warning", StringComparison.Ordinal))];
        Assert.Multiple(async () =>
        {
            Assert.That(dry.Code, Is.EqualTo(ExitCodes.Usage), dry.Output + dry.Error);
            Assert.That(real.Code, Is.EqualTo(ExitCodes.Usage), real.Output + real.Error);
            Assert.That(Problems(real.Output), Is.EqualTo(Problems(dry.Output)).And.Not.Empty);
            Assert.That(Problems(real.Output).Count(l => l.StartsWith("error", StringComparison.Ordinal)), Is.EqualTo(2));
            Assert.That(real.Output, Does.Contain(@"error    evil\u001b[2J.x: Key "));
            Assert.That(real.Output.Contains('\u001b', StringComparison.Ordinal), Is.False, "no raw ESC");
            Assert.That(real.Output, Does.Contain("added    contract.rollout" + Environment.NewLine), "changes are listed too: " + real.Output.Replace("\n", "|", StringComparison.Ordinal));
            Assert.That(real.Output, Does.Contain("not applied: 2 error(s), nothing written"));
            Assert.That(await SnapshotAsync(store), Is.EqualTo(before), "the valid entry was not applied either");
        });
    }

    [Test]
    public async Task Import_OfAToggleTheActorMayNotEdit_ExitsOne_NothingWritten()
    {
        var source = await NewStoreAsync();
        var target = await NewStoreAsync();
        await RunAsync(source, "switch", "contract.billing", "on", "--assembly", Assembly, "--actor", "fin", "--roles", "finance");
        var before = await SnapshotAsync(target);
        using var folder = new TempFolder("ff-import-");
        var file = folder.PathOf("import.json");
        await RunAsync(source, "export", file);
        var dry = await RunAsync(target, "import", file, "--dry-run", "--assembly", Assembly, "--actor", "dev");
        var real = await RunAsync(target, "import", file, "--assembly", Assembly, "--actor", "dev");
        var after = await SnapshotAsync(target);

        Assert.Multiple(() =>
        {
            Assert.That(new[] { dry.Code, real.Code }, Is.All.EqualTo(ExitCodes.Findings), real.Output + real.Error);
            Assert.That(real.Output, Does.Contain("error    contract.billing: 'import by dev' may not change 'contract.billing'"));
            Assert.That(after, Is.EqualTo(before));
        });
    }
}
