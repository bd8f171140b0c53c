using FeatureFlags.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace FeatureFlags.Tests.Evaluation;

/// <summary>
/// The full precedence table: each layer is added on top of the ones below it with the opposite value,
/// so the answer flips at every step only if the new layer wins.
/// </summary>
public class PrecedenceTests
{
    private const string Course = "course-v1:Acme+CS101+2026";
    private const string Site = "white.example";

    private static readonly (string Name, ToggleReason Reason, bool Value)[] Layers =
    [
        ("code default", ToggleReason.Default, false),
        ("stored rules", ToggleReason.Everyone, true),
        ("release group", ToggleReason.ReleaseGroup, false),
        ("org override", ToggleReason.Organization, true),
        ("course override", ToggleReason.Course, false),
        ("site override", ToggleReason.Site, true),
        ("prerequisite", ToggleReason.PrerequisiteFailed, false),
        ("configuration override", ToggleReason.Configuration, true),
        ("request override", ToggleReason.RequestOverride, false),
        ("override scope", ToggleReason.OverrideScope, true),
    ];

    private static readonly ToggleNamespace Ns = new("precedence");

    private static readonly ToggleGroup Release = Ns.Group("release", TestToggles.Meta("The release the flag ships in.", ToggleUseCases.IncrementalRelease));

    private static readonly CourseFlag Outline = Ns.CourseFlag("outline", new ToggleMetadata
    {
        Description = "A course flag in a release group, with a prerequisite.",
        UseCases = ToggleUseCases.IncrementalRelease,
        CreatedOn = TestToggles.Created,
        Group = "release",
    });

    private static readonly Switch Parent = Ns.Switch("parent", TestToggles.Meta("The prerequisite.", ToggleUseCases.CircuitBreaker));

    public static IEnumerable<TestCaseData> Tops()
        => Layers.Select((layer, i) => new TestCaseData(i).SetName($"Precedence_TopLayer_{i}_{layer.Name.Replace(' ', '_')}_Wins"));

    [TestCaseSource(nameof(Tops))]
    public async Task Precedence_HighestLayerPresent_DecidesTheValue(int top)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(top >= 7 ? [new("FeatureToggles:Overrides:precedence.outline", "true")] : [])
            .Build();
        using var harness = ToggleHarness.Create(b => b.AddToggles(Release, Outline, Parent), options: o => o.EnableRequestOverrides = true, configuration: configuration);
        var context = new ToggleContext
        {
            UserId = "u1",
            Site = Site,
            RequestOverrides = top >= 8 ? new Dictionary<string, bool> { [Outline.FullName] = false } : new Dictionary<string, bool>(),
        };

        if (top >= 1)
        {
            await harness.Admin.SetAsync(Outline, new FlagRules { Everyone = true }, Actors.Operator);
        }

        if (top >= 2)
        {
            await harness.Admin.SetAsync(Release, false, Actors.Operator);
        }

        if (top >= 3)
        {
            await harness.Admin.SetOrganizationOverrideAsync(Outline, "Acme", true, Actors.Operator);
        }

        if (top >= 4)
        {
            await harness.Admin.SetCourseOverrideAsync(Outline, Course, false, Actors.Operator);
        }

        if (top >= 5)
        {
            await harness.Admin.SetSiteOverrideAsync(Outline, Site, true, Actors.Operator);
        }

        if (top >= 6)
        {
            // The parent is off (nothing stored), so requiring it turns the flag off.
            await harness.Admin.RequireAsync(Outline, Actors.Operator, Parent);
        }

        using var forced = top >= 9 ? harness.Toggles.Override(Outline, true) : null;
        var explanation = harness.Toggles.Explain(Outline, Course, context);

        Assert.That(explanation.Reason, Is.EqualTo(Layers[top].Reason), explanation.ToString());
        Assert.That(explanation.IsEnabled, Is.EqualTo(Layers[top].Value), explanation.ToString());
    }

    [Test]
    public void RequestOverride_DisabledByDefault_IsIgnored()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        var context = new ToggleContext { RequestOverrides = new Dictionary<string, bool> { [TestToggles.Kill.FullName] = true } };

        Assert.That(harness.Toggles.IsEnabled(TestToggles.Kill, context), Is.False);
    }

    [Test]
    public async Task RequestOverride_DisabledGlobally_AppliesOnlyToFlagsInTestingMode()
    {
        using var harness = ToggleHarness.Create(b => b.AddToggles(TestToggles.All));
        await harness.Admin.SetAsync(TestToggles.Beta, new FlagRules { Testing = true }, Actors.Operator);
        await harness.Admin.SetAsync(TestToggles.Outline, new FlagRules { MatchNobody = true }, Actors.Operator);
        var context = new ToggleContext
        {
            RequestOverrides = new Dictionary<string, bool> { [TestToggles.Beta.FullName] = true, [TestToggles.Outline.FullName] = true },
        };

        var testing = harness.Toggles.Explain(TestToggles.Beta, context);
        var notTesting = harness.Toggles.Explain(TestToggles.Outline, context);

        Assert.That((testing.IsEnabled, testing.Reason), Is.EqualTo((true, ToggleReason.RequestOverride)));
        Assert.That((notTesting.IsEnabled, notTesting.Reason), Is.EqualTo((false, ToggleReason.NoRuleMatched)));
    }
}
