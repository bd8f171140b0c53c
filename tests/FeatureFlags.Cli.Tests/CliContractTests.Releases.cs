using System.Text.Json;

namespace FeatureFlags.Cli.Tests;

/// <summary>Release groups, prerequisites and revert on the command line, declared in this assembly (ReleaseCliToggles).</summary>
public abstract partial class CliContractTests
{
    private static readonly string Releases = typeof(ReleaseCliToggles).Assembly.Location;

    [Test]
    public async Task Group_OnOffUnset_AnswersForItsMembers_AndListShowAndReportShowTheGroup()
    {
        var store = await NewStoreAsync();
        await RunAsync(store, "switch", "release.new_cart", "off", "--assembly", Releases);

        var on = await RunAsync(store, "group", "release.spring", "on", "--actor", "ana", "--reason", "ship it", "--assembly", Releases);
        using (var app = Harness(store))
        {
            var answer = app.Toggles.Explain(ReleaseCliToggles.NewCart);
            Assert.That((answer.IsEnabled, answer.Reason), Is.EqualTo((true, ToggleReason.ReleaseGroup)), "the group beats the member's own off");
        }

        var list = await RunAsync(store, "list", "--assembly", Releases, "--namespace", "release");
        var showMember = await RunAsync(store, "show", "release.new_cart", "--assembly", Releases);
        var showGroup = await RunAsync(store, "show", "release.spring", "--assembly", Releases);
        var report = await RunAsync(store, "report", "--format", "json", "--assembly", Releases);
        var off = await RunAsync(store, "group", "release.spring", "off", "--assembly", Releases);
        var unset = await RunAsync(store, "group", "release.spring", "unset", "--assembly", Releases);
        using (var app = Harness(store))
        {
            Assert.That(app.Toggles.Explain(ReleaseCliToggles.NewCart).Reason, Is.EqualTo(ToggleReason.Switch), "unset: the member's own rules again");
        }

        var history = await RunAsync(store, "history", "release.spring");
        var spring = JsonDocument.Parse(report.Output).RootElement.GetProperty("toggles").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "release.spring");
        var cart = JsonDocument.Parse(report.Output).RootElement.GetProperty("toggles").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "release.new_cart");
        Assert.Multiple(() =>
        {
            Assert.That(on.Code, Is.EqualTo(ExitCodes.Ok), on.Error);
            Assert.That(on.Output, Does.Contain("release.spring on for every member (version 2)"));
            Assert.That(list.Output, Does.Contain("GROUP"));
            Assert.That(Row(list.Output, "release.new_cart"), Does.Contain("release.spring"));
            Assert.That(Row(list.Output, "release.spring"), Does.Contain("members: release.new_cart, release.new_search").And.Contain("group: on for every member"));
            Assert.That(showMember.Output, Does.Contain("group:       release.spring (group: on for every member)"));
            Assert.That(showGroup.Output, Does.Contain("members:     release.new_cart, release.new_search"));
            Assert.That(spring.GetProperty("members").EnumerateArray().Select(m => m.GetString()), Is.EqualTo(new[] { "release.new_cart", "release.new_search" }));
            Assert.That(cart.GetProperty("group").GetString(), Is.EqualTo("release.spring"));
            Assert.That(off.Output, Does.Contain("release.spring off for every member (version 3)"));
            Assert.That(unset.Output, Does.Contain("release.spring unset: every member follows its own rules"));
            Assert.That(history.Output, Does.Contain("ana").And.Contain("ship it").And.Contain("Deleted"), "versioned and audited like a toggle");
        });
    }

    [Test]
    public async Task Group_RefusesAValueThatIsNotOnOffOrUnset_ATypo_AndAStaleExpectVersion()
    {
        var store = await NewStoreAsync();
        await RunAsync(store, "group", "release.spring", "on", "--assembly", Releases);

        var maybe = await RunAsync(store, "group", "release.spring", "maybe", "--assembly", Releases);
        var typo = await RunAsync(store, "group", "release.sprin", "on", "--assembly", Releases);
        var stale = await RunAsync(store, "group", "release.spring", "off", "--expect-version", "0", "--assembly", Releases);
        var notAGroup = await RunAsync(store, "group", "release.new_cart", "on", "--assembly", Releases);

        Assert.Multiple(() =>
        {
            Assert.That((maybe.Code, typo.Code, stale.Code, notAGroup.Code), Is.EqualTo((ExitCodes.Usage, ExitCodes.Usage, ExitCodes.Findings, ExitCodes.Usage)));
            Assert.That(maybe.Error, Does.Contain("on, off or unset"));
            Assert.That(typo.Error, Does.Contain("did you mean release.spring?"));
            Assert.That(stale.Error, Does.Contain("Conflict writing 'release.spring'"));
            Assert.That(notAGroup.Error, Does.Contain("not a release group"));
        });
    }

    [Test]
    public async Task Require_SetsAndClearsPrerequisites_ShowListsThemBothWays_AndTheChildFollowsTheParent()
    {
        var store = await NewStoreAsync();
        await RunAsync(store, "flag", "release.child", "--everyone", "on", "--assembly", Releases);

        var set = await RunAsync(store, "require", "release.child", "--on", "release.parent", "--off", "release.legacy", "--actor", "ana", "--reason", "needs the parent", "--assembly", Releases);
        var showChild = await RunAsync(store, "show", "release.child", "--assembly", Releases);
        var showParent = await RunAsync(store, "show", "release.parent", "--dependants", "--assembly", Releases);
        var showParentAlone = await RunAsync(store, "show", "release.parent", "--assembly", Releases);
        using (var app = Harness(store))
        {
            Assert.That(app.Toggles.Explain(ReleaseCliToggles.Child).Reason, Is.EqualTo(ToggleReason.PrerequisiteFailed), "the parent is off by default");
        }

        var cleared = await RunAsync(store, "require", "release.child", "--none", "--assembly", Releases);
        var showAfter = await RunAsync(store, "show", "release.child", "--assembly", Releases);

        Assert.Multiple(() =>
        {
            Assert.That(set.Code, Is.EqualTo(ExitCodes.Ok), set.Error);
            Assert.That(set.Output, Does.Contain("release.child requires release.parent on, release.legacy off (version 2)"));
            Assert.That(showChild.Output, Does.Contain("requires:    release.parent on, release.legacy off"));
            Assert.That(showParent.Output, Does.Contain("required by: release.child"));
            Assert.That(showParentAlone.Output, Does.Contain("required by: release.child"), "dependants come from the prerequisite index, with or without --dependants");
            Assert.That(cleared.Output, Does.Match(@"release.child requires nothing \(version \d+\)"), "the store's versions are store-wide: the prerequisite index takes one too");
            Assert.That(showAfter.Output, Does.Not.Contain("requires:").And.Contain("everyone: on"), "clearing keeps the flag's rules");
        });
    }

    [Test]
    public async Task Require_ACycle_IsRefusedWithTheCycleSpelledOut_AndNothingIsWritten()
    {
        var store = await NewStoreAsync();
        await RunAsync(store, "require", "release.child", "--on", "release.parent", "--assembly", Releases);
        var before = await SnapshotAsync(store);

        var cycle = await RunAsync(store, "require", "release.parent", "--on", "release.child", "--assembly", Releases);
        var after = await SnapshotAsync(store);

        Assert.Multiple(() =>
        {
            Assert.That(cycle.Code, Is.EqualTo(ExitCodes.Findings), "Refused is 409 over HTTP, exit 1 here");
            Assert.That(cycle.Error.Trim(), Is.EqualTo("toggles: Prerequisites would form a cycle: release.parent → release.child → release.parent."));
            Assert.That(after, Is.EqualTo(before), "no key, no audit row");
        });
    }

    [Test]
    public async Task Require_BadInput_IsAUsageError_AndATypoGetsDidYouMean()
    {
        var store = await NewStoreAsync();

        var cases = new (string[] Args, string Message)[]
        {
            (["require", "release.child", "--assembly", Releases], "--none alone"),
            (["require", "release.child", "--none", "--on", "release.parent", "--assembly", Releases], "--none alone"),
            (["require", "release.child", "--on", "Not.Valid", "--assembly", Releases], "not a valid toggle name"),
            (["require", "release.child", "--on", "release.parnt", "--assembly", Releases], "Did you mean 'release.parent'?"),
            (["require", "release.child", "--on", "release.parent"], "needs --assembly"),
        };
        foreach (var (args, message) in cases)
        {
            var result = await RunAsync(store, args);
            Assert.That(result.Code, Is.EqualTo(ExitCodes.Usage), string.Join(' ', args) + " → " + result.Error);
            Assert.That(result.Error, Does.Contain(message), string.Join(' ', args));
        }

        // Requiring itself is a cycle like any other: refused by a rule (exit 1), as the HTTP API answers 409.
        var itself = await RunAsync(store, "require", "release.child", "--on", "release.child", "--assembly", Releases);
        Assert.That(itself.Code, Is.EqualTo(ExitCodes.Findings), itself.Error);
        Assert.That(itself.Error, Does.Contain("cycle: release.child → release.child"));
    }

    [Test]
    public async Task Delete_OfAToggleOthersRequire_IsRefusedNamingThem()
    {
        var store = await NewStoreAsync();
        await RunAsync(store, "switch", "release.parent", "on", "--assembly", Releases);
        await RunAsync(store, "require", "release.child", "--on", "release.parent", "--assembly", Releases);

        var refused = await RunAsync(store, "delete", "release.parent", "--force", "--assembly", Releases);

        Assert.That(refused.Code, Is.EqualTo(ExitCodes.Findings));
        Assert.That(refused.Error, Does.Contain("'release.parent' is required by 'release.child'"));
    }

    [Test]
    public async Task Revert_RestoresAnAuditedVersion_AsANewAuditedChange()
    {
        var store = await NewStoreAsync();
        await RunAsync(store, "flag", "release.new_search", "--percent", "10", "--assembly", Releases);
        await RunAsync(store, "flag", "release.new_search", "--everyone", "off");

        var reverted = await RunAsync(store, "revert", "release.new_search", "--to", "1", "--actor", "ana");
        var show = await RunAsync(store, "show", "release.new_search");
        var history = await RunAsync(store, "history", "release.new_search", "--limit", "1");
        var unknownVersion = await RunAsync(store, "revert", "release.new_search", "--to", "9");
        var typo = await RunAsync(store, "revert", "release.new_serch", "--to", "1");
        var missingTo = await RunAsync(store, "revert", "release.new_search");
        var stale = await RunAsync(store, "revert", "release.new_search", "--to", "2", "--expect-version", "2");

        Assert.Multiple(() =>
        {
            Assert.That(reverted.Code, Is.EqualTo(ExitCodes.Ok), reverted.Error);
            Assert.That(reverted.Output, Does.Contain("release.new_search reverted to version 1 (version 3)"));
            Assert.That(show.Output, Does.Contain("percent: 10"));
            Assert.That(history.Output, Does.Contain("ana").And.Contain("Revert to version 1"));
            Assert.That(unknownVersion.Code, Is.EqualTo(ExitCodes.Usage));
            Assert.That(unknownVersion.Error, Does.Contain("no audited version 9"));
            Assert.That(typo.Code, Is.EqualTo(ExitCodes.Usage));
            Assert.That(typo.Error, Does.Contain("did you mean release.new_search?"));
            Assert.That(missingTo.Code, Is.EqualTo(ExitCodes.Usage));
            Assert.That(missingTo.Error, Does.Contain("--to VERSION"));
            Assert.That(stale.Code, Is.EqualTo(ExitCodes.Findings), stale.Error);
        });
    }

    private ToggleHarness Harness(string[] store) => ToggleHarness.Create(b =>
    {
        b.AddToggles(ReleaseCliToggles.All);
        UseStore(b, store);
    });

    private static string Row(string output, string name)
        => output.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
}
