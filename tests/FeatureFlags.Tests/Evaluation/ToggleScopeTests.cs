using FeatureFlags.Tests.Support;

namespace FeatureFlags.Tests.Evaluation;

public class ToggleScopeTests
{
    [Test]
    public async Task Scope_ToggleFlippedMidScope_ScopeKeepsItsFirstAnswer_NextScopeSeesNewState()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator);

        bool first, afterFlip;
        using (harness.Toggles.BeginScope(new ToggleContext { UserId = "u" }))
        {
            first = harness.Toggles.IsEnabled(TestToggles.Kill);
            await harness.Admin.SetAsync(TestToggles.Kill, false, Actors.Operator);
            afterFlip = harness.Toggles.IsEnabled(TestToggles.Kill);
        }

        using var next = harness.Toggles.BeginScope();

        Assert.That(first, Is.True);
        Assert.That(afterFlip, Is.True, "one request sees one state");
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.False);
    }

    [Test]
    public async Task Scope_ConcurrentWriterFlipping_EveryScopeAnswersConsistently()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Everyone = true }, Actors.Operator);
        await harness.Admin.SetCourseOverrideAsync(TestToggles.Outline, "course-v1:A+B+C", true, Actors.Operator);
        using var stop = new CancellationTokenSource();
        var flips = 0;

        var writer = Task.Run(async () =>
        {
            var value = false;
            while (!stop.IsCancellationRequested)
            {
                await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Everyone = value }, Actors.Operator);
                await harness.Admin.SetCourseOverrideAsync(TestToggles.Outline, "course-v1:A+B+C", value, Actors.Operator);
                value = !value;
                Interlocked.Increment(ref flips);
            }
        });

        var inconsistentScopes = 0;
        var answersSeen = new HashSet<bool>();
        bool SeenBoth()
        {
            lock (answersSeen)
            {
                return answersSeen.Count == 2;
            }
        }

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            // At least 200 scopes each, and on until both states were seen (bounded): the writer's pace is not the readers'.
            for (var scopeNumber = 0; scopeNumber < 200 || (!SeenBoth() && scopeNumber < 200_000); scopeNumber++)
            {
                using var scope = harness.Toggles.BeginScope(new ToggleContext { UserId = "reader" });
                var flag = harness.Toggles.IsEnabled(TestToggles.Beta);
                var course = harness.Toggles.IsEnabled(TestToggles.Outline, "course-v1:A+B+C");
                lock (answersSeen)
                {
                    answersSeen.Add(flag);
                }

                for (var i = 0; i < 20; i++)
                {
                    await Task.Yield();
                    if (harness.Toggles.IsEnabled(TestToggles.Beta) != flag || harness.Toggles.IsEnabled(TestToggles.Outline, "course-v1:A+B+C") != course)
                    {
                        Interlocked.Increment(ref inconsistentScopes);
                    }
                }
            }
        })).ToArray();

        await Task.WhenAll(readers);
        stop.Cancel();
        await writer;

        Assert.That(inconsistentScopes, Is.Zero);
        Assert.That(flips, Is.GreaterThan(10), "the writer really ran concurrently");
        Assert.That(answersSeen, Is.EquivalentTo(new[] { true, false }), "scopes saw both states over time");
    }

    [Test]
    public async Task Scope_ParallelTasksInOneScope_AgreeOnTheFirstStoredAnswer()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Percent = 50 }, Actors.Operator);

        using var scope = harness.Toggles.BeginScope(new ToggleContext { UserId = "same-user" });
        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => harness.Toggles.IsEnabled(TestToggles.Beta))));

        Assert.That(answers.Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task Scope_ContextOfScope_IsUsedForEvaluation()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Users = ["alice"] }, Actors.Operator);
        var ambient = harness.Toggles.IsEnabled(TestToggles.Beta);

        bool inScope;
        ToggleExplanation explained;
        using (harness.Toggles.BeginScope(new ToggleContext { UserId = "alice" }))
        {
            inScope = harness.Toggles.IsEnabled(TestToggles.Beta);
            explained = harness.Toggles.Explain(TestToggles.Beta);
        }

        Assert.That(ambient, Is.False, "the ambient context names no user, so the flag is off for it");
        Assert.That(inScope, Is.True, "the same call inside the scope answers for the scope's user");
        Assert.That((explained.Reason, explained.Detail), Is.EqualTo((ToggleReason.User, "on for user 'alice'")));
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta), Is.False, "and the scope's context ends with it");
    }

    [Test]
    public void Scope_OverrideOpenedInside_StillWins()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));

        using var scope = harness.Toggles.BeginScope(new ToggleContext { UserId = "alice" });
        using var forced = harness.Toggles.Override(TestToggles.Kill, true);

        Assert.That(harness.Toggles.Explain(TestToggles.Kill).Reason, Is.EqualTo(ToggleReason.OverrideScope));
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill), Is.True, "an override opened inside a scope still wins");
    }

    [Test]
    public async Task Scope_Explain_ReportsScopeCacheHit()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Kill, true, Actors.Operator);

        using var scope = harness.Toggles.BeginScope();
        var first = harness.Toggles.Explain(TestToggles.Kill);
        var second = harness.Toggles.Explain(TestToggles.Kill);

        Assert.That(first.FromScopeCache, Is.False);
        Assert.That(second.FromScopeCache, Is.True);
        Assert.That(second.Reason, Is.EqualTo(ToggleReason.Switch));
    }

    [Test]
    public async Task Scope_ExplicitDifferentContext_BypassesScopeCache()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Users = ["alice"] }, Actors.Operator);

        using var scope = harness.Toggles.BeginScope(new ToggleContext { UserId = "bob" });

        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta), Is.False);
        Assert.That(harness.Toggles.IsEnabled(TestToggles.Beta, new ToggleContext { UserId = "alice" }), Is.True);
    }
}
