namespace FeatureFlags.Cli.Tests;

/// <summary>Writes that would change the wrong thing are refused before anything is written.</summary>
public abstract partial class CliContractTests
{
    [Test]
    public async Task Switch_TypoOfADeclaredToggle_IsRefusedWithDidYouMean_AndNothingIsStored()
    {
        var store = await NewStoreAsync();
        var before = await SnapshotAsync(store);

        var typo = await RunAsync(store, "switch", "contract.kil", "off", "--assembly", Assembly);
        var after = await SnapshotAsync(store);

        Assert.Multiple(() =>
        {
            Assert.That(typo.Code, Is.EqualTo(ExitCodes.Usage), typo.Error);
            Assert.That(typo.Error, Does.Contain("did you mean contract.kill?").And.Contain("--create"));
            Assert.That(typo.Output, Is.Empty, "no 'switched off'");
            Assert.That(after, Is.EqualTo(before), "no key, no audit row");
        });
    }

    [Test]
    public async Task Switch_TypoOfAStoredToggle_WithoutAssembly_IsRefused_UntilCreateIsGiven()
    {
        var store = await NewStoreAsync();
        await RunAsync(store, "switch", "shop.maintenance", "on", "--create");
        var before = await SnapshotAsync(store);

        var typo = await RunAsync(store, "switch", "shop.maintenace", "off");
        var unchanged = await SnapshotAsync(store);
        var created = await RunAsync(store, "switch", "shop.maintenace", "off", "--create");

        Assert.Multiple(() =>
        {
            Assert.That(typo.Code, Is.EqualTo(ExitCodes.Usage));
            Assert.That(typo.Error.Trim(), Is.EqualTo(
                "toggles: 'shop.maintenace' is neither declared nor stored; did you mean shop.maintenance? Nothing was changed; pass --create to write it anyway."));
            Assert.That(unchanged, Is.EqualTo(before));
            Assert.That(created.Code, Is.EqualTo(ExitCodes.Ok), "--create is the deliberate way to add a name");
        });
    }

    [Test]
    public async Task EveryWrite_ToAnUnknownName_IsRefused_AndChangesNothing()
    {
        var store = await NewStoreAsync();
        await RunAsync(store, "switch", "gone.orphan", "on", "--create");
        var before = await SnapshotAsync(store);

        var cases = new[]
        {
            new[] { "flag", "contract.rolout", "--percent", "5", "--assembly", Assembly },
            ["override", "site", "contract.outlin", "eu.example", "on", "--assembly", Assembly],
            ["delete", "gone.orphn"],
        };
        foreach (var args in cases)
        {
            var result = await RunAsync(store, args);
            Assert.That(result.Code, Is.EqualTo(ExitCodes.Usage), string.Join(' ', args) + " → " + result.Error);
            Assert.That(result.Error, Does.Contain("did you mean"), string.Join(' ', args));
        }

        // With --assembly the declarations are the list of names: a stored orphan is not one of them.
        var orphanWithAssembly = await RunAsync(store, "switch", "gone.orphan", "off", "--assembly", Assembly);
        Assert.That(orphanWithAssembly.Code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(orphanWithAssembly.Error, Does.Contain("'gone.orphan' is stored but not declared in the given assemblies."));
        Assert.That(await SnapshotAsync(store), Is.EqualTo(before));
    }

    [Test]
    public async Task Percent_WithADecimalComma_IsAUsageError_AndNothingIsStored()
    {
        var store = await NewStoreAsync();
        var before = await SnapshotAsync(store);

        var comma = await RunAsync(store, "flag", "contract.rollout", "--percent", "0,5", "--assembly", Assembly);
        var grouped = await RunAsync(store, "flag", "contract.rollout", "--percent", "1,000", "--assembly", Assembly);
        var after = await SnapshotAsync(store);
        var point = await RunAsync(store, "flag", "contract.rollout", "--percent", "0.5", "--assembly", Assembly);

        Assert.Multiple(() =>
        {
            Assert.That(comma.Code, Is.EqualTo(ExitCodes.Usage));
            Assert.That(comma.Error, Does.Contain("'.' as the decimal point").And.Contain("'0,5'"));
            Assert.That(grouped.Code, Is.EqualTo(ExitCodes.Usage));
            Assert.That(point.Output, Does.Contain("percent: 0.5"));
            Assert.That(after, Is.EqualTo(before), "nothing stored");
        });
    }

    [Test]
    public async Task ExpectVersion_Stale_ExitsOne_AndWritesNothing_Current_Writes()
    {
        var store = await NewStoreAsync();
        var first = await RunAsync(store, "switch", "contract.kill", "on", "--assembly", Assembly, "--expect-version", "0");
        await RunAsync(store, "flag", "contract.rollout", "--add-user", "u1", "--assembly", Assembly);
        await RunAsync(store, "override", "site", "contract.kill", "eu.example", "on", "--assembly", Assembly);
        var before = await SnapshotAsync(store);

        var stale = new[]
        {
            new[] { "switch", "contract.kill", "off", "--expect-version", "0" },
            ["flag", "contract.rollout", "--add-user", "u2", "--expect-version", "1"],
            ["override", "site", "contract.kill", "eu.example", "off", "--expect-version", "1"],
            ["delete", "contract.kill", "--expect-version", "2"],
        };
        foreach (var args in stale)
        {
            var result = await RunAsync(store, args);
            Assert.That(result.Code, Is.EqualTo(ExitCodes.Findings), string.Join(' ', args) + " → " + result.Error);
            Assert.That(result.Error, Does.Contain("Conflict"), string.Join(' ', args));
        }

        Assert.That(await SnapshotAsync(store), Is.EqualTo(before), "a stale version writes nothing");
        var current = await RunAsync(store, "switch", "contract.kill", "off", "--expect-version", "1");
        var bad = await RunAsync(store, "switch", "contract.kill", "on", "--expect-version", "-1");
        Assert.That(first.Output, Does.Contain("(version 1)"));
        Assert.That(current.Code, Is.EqualTo(ExitCodes.Ok), current.Error);
        Assert.That(bad.Code, Is.EqualTo(ExitCodes.Usage));
    }

    [Test]
    public async Task EveryCommand_RejectsUnknownOptions_BeforeTouchingTheStore()
    {
        var store = await NewStoreAsync();
        var before = await SnapshotAsync(store);
        var commands = new[]
        {
            new[] { "list" }, ["show", "contract.kill"], ["history", "contract.kill"], ["report"], ["lint"], ["export", "x.json"],
            ["switch", "contract.kill", "on"], ["flag", "contract.rollout"], ["override", "site", "contract.kill", "eu.example", "on"],
            ["delete", "contract.kill"], ["import", "x.json"], ["manifest"],
        };

        foreach (var command in commands)
        {
            var result = await RunAsync(store, [.. command, "--colour", "red", "--create"]);
            Assert.That(result.Code, Is.EqualTo(ExitCodes.Usage), command[0]);
            Assert.That(result.Error, Does.Contain($"Unknown option --colour for '{command[0]}'"), command[0]);
        }

        var createOnARead = await RunAsync(store, "list", "--create");
        var strayArgument = await RunAsync(store, "switch", "contract.kill", "on", "now", "--create");
        Assert.That(createOnARead.Error, Does.Contain("Unknown option --create for 'list'"));
        Assert.That(strayArgument.Error, Does.Contain("Unexpected argument 'now'"));
        Assert.That(await SnapshotAsync(store), Is.EqualTo(before));
    }

    [Test]
    public async Task Flag_WithoutAnyRuleOption_IsRefused_AndWritesNothing()
    {
        var store = await NewStoreAsync();
        await RunAsync(store, "flag", "contract.rollout", "--percent", "5", "--assembly", Assembly);
        var before = await SnapshotAsync(store);

        var nothing = await RunAsync(store, "flag", "contract.rollout", "--assembly", Assembly);

        Assert.That(nothing.Code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(nothing.Error, Does.Contain("Nothing to change"));
        Assert.That(await SnapshotAsync(store), Is.EqualTo(before));
    }

    [TestCase("org")]
    [TestCase("organization")]
    [TestCase("organisation")]
    public async Task Override_OrganisationLevel_TakesEachSpelling(string level)
    {
        var store = await NewStoreAsync();

        var result = await RunAsync(store, "override", level, "contract.pilot", "Acme", "on", "--assembly", Assembly);

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Ok), result.Error);
        Assert.That(await SnapshotAsync(store), Does.Contain("contract.pilot/org/Acme"));
    }
}
