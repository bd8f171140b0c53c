using FeatureFlags.Tests.Support;

namespace FeatureFlags.Tests.Evaluation;

/// <summary>
/// How a <see cref="Flag"/> is evaluated under each of its rules (the rules' own validation and text are in
/// <c>Rules/FlagRulesTests</c>).
/// </summary>
public class FlagTests
{
    private static readonly ToggleContext Anonymous = ToggleContext.Anonymous;
    private static readonly ToggleContext Alice = new() { UserId = "alice", IsAuthenticated = true, Groups = ["qa"], Language = "fr-CA" };
    private static readonly ToggleContext Staff = new() { UserId = "sam", IsAuthenticated = true, IsStaff = true };
    private static readonly ToggleContext Root = new() { UserId = "root", IsAuthenticated = true, IsSuperuser = true };

    [Test]
    public async Task Everyone_On_OnForAnonymousAndSignedIn()
    {
        using var harness = await WithRulesAsync(new FlagRules { Everyone = true });

        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta, Anonymous), Is.True);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta, Alice), Is.True);
    }

    [Test]
    public async Task Everyone_Off_BeatsEveryOtherRule()
    {
        using var harness = await WithRulesAsync(new FlagRules { Everyone = false, Percent = 100, Users = ["alice"], Staff = true, Authenticated = true });

        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta, Alice), Is.False);
        Assert.That(harness.Toggles.Explain(TestToggles.Beta, Staff).Reason, Is.EqualTo(ToggleReason.Everyone));
    }

    [Test]
    public async Task Everyone_UnsetWithNoOtherRule_OffByNoRuleMatched()
    {
        using var harness = await WithRulesAsync(new FlagRules { MatchNobody = true });

        var explanation = harness.Toggles.Explain(TestToggles.Beta, Alice);

        Assert.That(explanation.IsEnabled, Is.False);
        Assert.That(explanation.Reason, Is.EqualTo(ToggleReason.NoRuleMatched));
    }

    [Test]
    public async Task Users_ListedUserOnly()
    {
        using var harness = await WithRulesAsync(new FlagRules { Users = ["alice"] });

        Assert.That(harness.Toggles.Explain(TestToggles.Beta, Alice).Reason, Is.EqualTo(ToggleReason.User));
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta, Staff), Is.False);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta, new ToggleContext { UserId = "ALICE" }), Is.False, "user ids are case-sensitive");
    }

    [Test]
    public async Task Groups_MemberOfAnyListedGroup()
    {
        using var harness = await WithRulesAsync(new FlagRules { Groups = ["beta", "qa"] });

        Assert.That(harness.Toggles.Explain(TestToggles.Beta, Alice).Reason, Is.EqualTo(ToggleReason.Group));
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta, Staff), Is.False);
    }

    [Test]
    public async Task Staff_OnlyStaff()
    {
        using var harness = await WithRulesAsync(new FlagRules { Staff = true });

        Assert.That(harness.Toggles.Explain(TestToggles.Beta, Staff).Reason, Is.EqualTo(ToggleReason.Staff));
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta, Alice), Is.False);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta, Root), Is.False, "a superuser is not staff unless flagged so");
    }

    [Test]
    public async Task Superusers_OnlySuperusers()
    {
        using var harness = await WithRulesAsync(new FlagRules { Superusers = true });

        Assert.That(harness.Toggles.Explain(TestToggles.Beta, Root).Reason, Is.EqualTo(ToggleReason.Superuser));
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta, Staff), Is.False);
    }

    [Test]
    public async Task Authenticated_AnySignedInUserButNotAnonymous()
    {
        using var harness = await WithRulesAsync(new FlagRules { Authenticated = true });

        Assert.That(harness.Toggles.Explain(TestToggles.Beta, Alice).Reason, Is.EqualTo(ToggleReason.Authenticated));
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta, Anonymous), Is.False);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta, new ToggleContext { UserId = "x" }), Is.False);
    }

    [TestCase("fr", "fr-CA", true)]
    [TestCase("fr", "FR", true)]
    [TestCase("fr-CA", "fr-CA", true)]
    [TestCase("fr-CA", "fr", false)]
    [TestCase("fr", "en-US", false)]
    [TestCase("pt-BR", "pt-PT", false)]
    public async Task Languages_MatchLanguageAndItsRegions(string listed, string userLanguage, bool expected)
    {
        using var harness = await WithRulesAsync(new FlagRules { Languages = [listed] });

        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta, new ToggleContext { Language = userLanguage }), Is.EqualTo(expected));
    }

    [Test]
    public async Task Percent_Hundred_IsOnForEveryCaller_WithOrWithoutAnId()
    {
        using var harness = await WithRulesAsync(new FlagRules { Percent = 100 });

        Assert.That(harness.Toggles.Explain(TestToggles.Beta, Alice).Reason, Is.EqualTo(ToggleReason.Percent));
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta, new ToggleContext { AnonymousId = "cookie-123" }), Is.True);

        // A background job or a visitor before cookie consent: no user id, no anonymous id.
        var noId = harness.Toggles.Explain(TestToggles.Beta, Anonymous);
        Assert.That(noId.IsEnabled, Is.True);
        Assert.That(noId.Reason, Is.EqualTo(ToggleReason.Percent));
        Assert.That(noId.Detail, Does.Contain("100 %"));
    }

    [TestCase(0.001)]
    [TestCase(50)]
    [TestCase(99.999)]
    public async Task Percent_BetweenZeroAndHundred_IsOffWithoutAnId_AndExplainSaysWhy(decimal percent)
    {
        using var harness = await WithRulesAsync(new FlagRules { Percent = percent });

        var explanation = harness.Toggles.Explain(TestToggles.Beta, Anonymous);

        Assert.That(explanation.IsEnabled, Is.False);
        Assert.That(explanation.Reason, Is.EqualTo(ToggleReason.NoRuleMatched));
        Assert.That(explanation.Detail, Does.Contain("no user or anonymous id"));
    }

    [Test]
    public async Task Percent_DecidesByTheUsersBucket()
    {
        using var harness = await WithRulesAsync(new FlagRules { Percent = 30 });
        var users = Enumerable.Range(0, 200).Select(i => $"user-{i}").ToList();

        foreach (var user in users)
        {
            var expected = PercentRollout.GetBucket(TestToggles.Beta.FullName, user) < 30_000;
            Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta, new ToggleContext { UserId = user }), Is.EqualTo(expected), user);
        }
    }

    [Test]
    public async Task Percent_AnonymousIdIgnoredWhenUserIdPresent()
    {
        using var harness = await WithRulesAsync(new FlagRules { Percent = 50 });
        var userIn = Enumerable.Range(0, 1000).Select(i => $"u{i}").First(u => PercentRollout.GetBucket(TestToggles.Beta.FullName, u) < 50_000);
        var anonOut = Enumerable.Range(0, 1000).Select(i => $"a{i}").First(a => PercentRollout.GetBucket(TestToggles.Beta.FullName, a) >= 50_000);

        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta, new ToggleContext { UserId = userIn, AnonymousId = anonOut }), Is.True);
    }

    [Test]
    public async Task Rules_UpdatedThroughAdmin_TakeEffectImmediately()
    {
        using var harness = await WithRulesAsync(new FlagRules { Users = ["bob"] });

        await harness.Admin.UpdateFlagAsync(TestToggles.Beta.FullName, r => r with { Users = [.. r.Users, "alice"] }, Actors.Operator);

        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta, Alice), Is.True);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta, new ToggleContext { UserId = "bob" }), Is.True);
    }

    private static async Task<ToggleHarness> WithRulesAsync(FlagRules rules)
    {
        var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Beta, rules, Actors.Operator);
        return harness;
    }
}
