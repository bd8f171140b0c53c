using FeatureFlags.Analyzers.Tests.Support;

namespace FeatureFlags.Analyzers.Tests.Declarations;

/// <summary>
/// One table of names and metadata, run against the runtime (does the declaration throw?) and the analyzer (does it
/// report an error?), so the two cannot drift apart.
/// </summary>
public sealed class SharedRulesTableTests
{
    private static readonly ToggleNamespace Shop = new("shop");

    public static IEnumerable<TestCaseData> Names() =>
        new[] { "cart", "cart2", "new_cart", "c", "Cart", "new-cart", "new.cart", "_cart", "2cart", "cart ", "café", "" }
            .Select(n => new TestCaseData(n).SetArgDisplayNames($"'{n}'"));

    public static IEnumerable<TestCaseData> Metadata() =>
    [
        new TestCaseData("\"d\"", "ToggleUseCases.LaunchDate", "new DateOnly(2026, 1, 1)", "null").SetName("Metadata_Complete"),
        new TestCaseData("\"\"", "ToggleUseCases.LaunchDate", "new DateOnly(2026, 1, 1)", "null").SetName("Metadata_EmptyDescription"),
        new TestCaseData("\"d\"", "ToggleUseCases.None", "new DateOnly(2026, 1, 1)", "null").SetName("Metadata_NoUseCase"),
        new TestCaseData("\"d\"", "(ToggleUseCases)256", "new DateOnly(2026, 1, 1)", "null").SetName("Metadata_UnknownUseCase"),
        new TestCaseData("\"d\"", "ToggleUseCases.LaunchDate", "default", "null").SetName("Metadata_NoCreatedOn"),
        new TestCaseData("\"d\"", "ToggleUseCases.LaunchDate", "new DateOnly(2026, 1, 1)", "new DateOnly(2025, 1, 1)").SetName("Metadata_RemovalBeforeCreation"),
        new TestCaseData("\"d\"", "ToggleUseCases.LaunchDate", "new DateOnly(2026, 1, 1)", "new DateOnly(2026, 1, 1)").SetName("Metadata_RemovalOnCreation"),
    ];

    [TestCaseSource(nameof(Names))]
    public async Task ToggleName_RuntimeAndAnalyzerAgree(string name)
    {
        var runtimeRejects = Throws(() => Shop.Switch(name, new() { Description = "d", UseCases = ToggleUseCases.LaunchDate, CreatedOn = new DateOnly(2026, 1, 1) }));
        var analyzerRejects = await ReportsError(Sources.Usings + $$"""
            public static class T
            {
                private static readonly ToggleNamespace Ns = new("shop");
                public static readonly Switch S = Ns.Switch("{{name}}", new() { Description = "d", UseCases = ToggleUseCases.LaunchDate, CreatedOn = new DateOnly(2026, 1, 1) });
            }
            """);
        Assert.That(analyzerRejects, Is.EqualTo(runtimeRejects), $"runtime rejects: {runtimeRejects}");
    }

    [TestCaseSource(nameof(Names))]
    public async Task Namespace_RuntimeAndAnalyzerAgree(string name)
    {
        var runtimeRejects = Throws(() => _ = new ToggleNamespace(name));
        var analyzerRejects = await ReportsError(Sources.Usings + $$"""
            public static class T
            {
                private static readonly ToggleNamespace Ns = new("{{name}}");
            }
            """);
        Assert.That(analyzerRejects, Is.EqualTo(runtimeRejects), $"runtime rejects: {runtimeRejects}");
    }

    [TestCaseSource(nameof(Metadata))]
    public async Task Metadata_RuntimeAndAnalyzerAgree(string description, string useCases, string createdOn, string removal)
    {
        var runtimeRejects = Throws(() => Shop.Switch("m", new()
        {
            Description = description.Trim('"'),
            UseCases = useCases switch
            {
                "ToggleUseCases.None" => ToggleUseCases.None,
                "(ToggleUseCases)256" => (ToggleUseCases)256,
                _ => ToggleUseCases.LaunchDate,
            },
            CreatedOn = createdOn == "default" ? default : new DateOnly(2026, 1, 1),
            TargetRemovalOn = removal switch
            {
                "null" => null,
                "new DateOnly(2025, 1, 1)" => new DateOnly(2025, 1, 1),
                _ => new DateOnly(2026, 1, 1),
            },
        }));
        var analyzerRejects = await ReportsError(Sources.Usings + $$"""
            public static class T
            {
                private static readonly ToggleNamespace Ns = new("shop");
                public static readonly Switch S = Ns.Switch("m", new() { Description = {{description}}, UseCases = {{useCases}}, CreatedOn = {{createdOn}}, TargetRemovalOn = {{removal}} });
            }
            """);
        Assert.That(analyzerRejects, Is.EqualTo(runtimeRejects), $"runtime rejects: {runtimeRejects}");
    }

    private static bool Throws(Action declare)
    {
        try
        {
            declare();
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static async Task<bool> ReportsError(string source)
    {
        var diagnostics = await AnalyzerRun.DiagnosticsAsync(source);
        return diagnostics.Any(d => d.Id is "FF1001" or "FF1003");
    }
}
