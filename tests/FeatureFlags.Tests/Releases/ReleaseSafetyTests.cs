using FeatureFlags.Tests.Support;

namespace FeatureFlags.Tests.Releases;

/// <summary>
/// What a hostile or careless writer could do with groups and prerequisites, and why it is refused.
/// </summary>
public class ReleaseSafetyTests
{
    private static readonly ToggleActor Mallory = new("mallory");
    private static readonly ToggleActor PaymentsAdmin = new("pat", "payments-admins");

    private static readonly ToggleNamespace Ns = new("safety");

    private static readonly ToggleGroup Open = Ns.Group("open", ReleaseToggles.Meta("A group anyone may flip."));

    private static readonly Switch FraudCheck = Ns.Switch("fraud_check", new ToggleMetadata
    {
        Description = "Guarded member of an open group.",
        UseCases = ToggleUseCases.CircuitBreaker,
        CreatedOn = TestToggles.Created,
        EditorRoles = ["payments-admins"],
        Group = "open",
    });

    private static readonly Switch Ledger = Ns.Switch("ledger", new ToggleMetadata
    {
        Description = "Guarded toggle others might require.",
        UseCases = ToggleUseCases.CircuitBreaker,
        CreatedOn = TestToggles.Created,
        EditorRoles = ["payments-admins"],
    });

    private static readonly Switch Mine = Ns.Switch("mine", ReleaseToggles.Meta("Mallory's own toggle."));

    private static Toggle[] All => [Open, FraudCheck, Ledger, Mine];

    [Test]
    public async Task FlippingAGroup_NeedsTheEditorRolesOfEveryMember()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(All));
        await harness.Admin.SetAsync(FraudCheck, true, PaymentsAdmin);

        var denied = Assert.ThrowsAsync<ToggleAccessDeniedException>(async () => await harness.Admin.SetGroupAsync(Open.FullName, false, Mallory));
        var batch = await harness.Admin.ApplyAsync([new ToggleStoreWrite(Open.FullName, StoredValueCodec.EncodeGroup(false), 0)], Mallory);

        Assert.That(denied!.Message, Does.Contain("may not switch group 'safety.open'").And.Contain("'safety.fraud_check'"));
        Assert.That((batch.Applied, batch.Problems.Single().Code), Is.EqualTo((false, (ToggleErrorCode?)ToggleErrorCode.AccessDenied)));
        Assert.That(harness.Toggles.IsEnabled(FraudCheck), Is.True, "the guarded member is untouched");
        Assert.That(await harness.Admin.SetGroupAsync(Open.FullName, false, PaymentsAdmin), Is.Not.Null, "its editors may");
    }

    [Test]
    public async Task RequiringAGuardedToggle_NeedsItsEditorRoles_SoNobodyElseCanBlockItsDeletion()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(All));
        await harness.Admin.SetAsync(Ledger, true, PaymentsAdmin);

        var denied = Assert.ThrowsAsync<ToggleAccessDeniedException>(async () => await harness.Admin.RequireAsync(Mine, Mallory, Ledger));
        var batch = await harness.Admin.ApplyAsync([new ToggleStoreWrite(Mine.FullName, StoredValueCodec.EncodeSwitch(true, [new TogglePrerequisite(Ledger.FullName)]), 0)], Mallory);

        Assert.That(denied!.Message, Does.Contain("may not make 'safety.mine' require 'safety.ledger'"));
        Assert.That(batch.Problems.Single().Code, Is.EqualTo(ToggleErrorCode.AccessDenied));
        Assert.That(await harness.Admin.DeleteAsync(Ledger.FullName, PaymentsAdmin), Is.EqualTo(1));
    }

    [Test]
    public async Task ALongChainInOneImport_IsRefusedWithoutRecursion_AndQuickly()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(All));
        const int Length = 50_000;
        var writes = Enumerable.Range(0, Length)
            .Select(i => new ToggleStoreWrite($"deep.t{i}", StoredValueCodec.EncodeSwitch(true, i + 1 < Length ? [new TogglePrerequisite($"deep.t{i + 1}")] : null), 0))
            .ToList();

        var result = await harness.Admin.ApplyAsync(writes, Actors.Operator, dryRun: true);

        Assert.That(result.Problems.Where(p => p.Severity == ToggleLintSeverity.Error).Select(p => p.Message).Single(), Does.Contain($"a chain of {TogglePrerequisite.MaxDepth + 1} prerequisites; at most {TogglePrerequisite.MaxDepth}"));
    }

    [Test]
    public async Task ChainsUpToTheMaximumDepth_AreAccepted_OneMoreIsRefused()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(All));
        var chain = Enumerable.Range(0, TogglePrerequisite.MaxDepth + 2).Select(i => $"chain.t{i}").ToList();
        var writes = chain.Select((name, i) => new ToggleStoreWrite(name, StoredValueCodec.EncodeSwitch(true, i + 1 < TogglePrerequisite.MaxDepth + 1 ? [new TogglePrerequisite(chain[i + 1])] : null), 0)).ToList();

        var accepted = await harness.Admin.ApplyAsync(writes, Actors.Operator);
        var longer = await harness.Admin.ApplyAsync([new ToggleStoreWrite(chain[^2], StoredValueCodec.EncodeSwitch(true, [new TogglePrerequisite(chain[^1])]), (await harness.Store.GetAsync(chain[^2]))!.Version)], Actors.Operator);

        Assert.That(accepted.Applied, Is.True, string.Join("; ", accepted.Problems.Where(p => p.Severity == ToggleLintSeverity.Error)));
        Assert.That(longer.Applied, Is.False);
        Assert.That(longer.Problems.Single(p => p.Severity == ToggleLintSeverity.Error).Message, Does.Contain($"'chain.t0' would start a chain of {TogglePrerequisite.MaxDepth + 1} prerequisites"));
    }

    [Test]
    public async Task SharedPrerequisitesThatMultiplyEvaluations_AreRefused()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(All));

        // Three layers of five, each toggle requiring all five below: 1 + 5 + 25 + 125 evaluations for the top one.
        var writes = new List<ToggleStoreWrite>();
        for (var layer = 0; layer < 4; layer++)
        {
            for (var i = 0; i < (layer == 0 ? 1 : 5); i++)
            {
                var below = layer == 3 ? null : Enumerable.Range(0, 5).Select(j => new TogglePrerequisite($"fan.l{layer + 1}_{j}")).ToList();
                writes.Add(new ToggleStoreWrite($"fan.l{layer}_{i}", StoredValueCodec.EncodeSwitch(true, below), 0));
            }
        }

        var result = await harness.Admin.ApplyAsync(writes, Actors.Operator);

        Assert.That(result.Applied, Is.False);
        Assert.That(result.Problems.Single(p => p.Severity == ToggleLintSeverity.Error).Message, Does.Contain("would evaluate 156 toggles through its prerequisites; at most 64"));
    }

    [Test]
    public async Task AnEscapedRequiresProperty_IsSeenByEveryCheck()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(ReleaseToggles.All));
        var parent = ReleaseToggles.Parent.FullName;
        var child = ReleaseToggles.Child.FullName;
        var writes = new[]
        {
            new ToggleStoreWrite(parent, $"{{\"v\":1,\"kind\":\"switch\",\"on\":true,\"re\\u0071uires\":[{{\"toggle\":\"{child}\"}}]}}", 0),
            new ToggleStoreWrite(child, $"{{\"v\":1,\"kind\":\"flag\",\"everyone\":true,\"re\\u0071uires\":[{{\"toggle\":\"{parent}\"}}]}}", 0),
        };

        var cycle = await harness.Admin.ApplyAsync(writes, Actors.Operator);
        await harness.Admin.SetAsync(ReleaseToggles.Parent, true, Actors.Operator);
        var requires = await harness.Admin.ApplyAsync([writes[1]], Actors.Operator);
        var delete = Assert.ThrowsAsync<ToggleException>(async () => await harness.Admin.DeleteAsync(parent, Actors.Operator));

        Assert.That(cycle.Problems.Single().Message, Does.Contain("would form a cycle"));
        Assert.That(requires.Applied, Is.True);
        Assert.That(delete!.Message, Does.Contain($"is required by '{child}'"));
    }

    [Test]
    public async Task ImportingAnotherSpellingOfAStoredOrganisation_IsRefused()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetOrganizationOverrideAsync(TestToggles.Pilot, "edx", true, Actors.Operator);
        var stored = (await harness.Store.GetAsync("tests.pilot/org/edx"))!;

        var refused = await harness.Admin.ApplyAsync([new ToggleStoreWrite("tests.pilot/org/EdX", StoredValueCodec.EncodeOverride(false), 0)], Actors.Operator);
        var renamed = await harness.Admin.ApplyAsync(
            [new ToggleStoreWrite("tests.pilot/org/edx", null, stored.Version), new ToggleStoreWrite("tests.pilot/org/EdX", StoredValueCodec.EncodeOverride(false), 0)],
            Actors.Operator);

        Assert.That(refused.Problems.Single().Message, Does.Contain("is stored as 'edx'"));
        Assert.That(renamed.Applied, Is.True, "deleting the old spelling in the same batch renames it");
        Assert.That((await harness.Store.ListAsync("tests.pilot/org/")).Select(r => r.Key), Is.EqualTo(new[] { "tests.pilot/org/EdX" }));
    }
}
