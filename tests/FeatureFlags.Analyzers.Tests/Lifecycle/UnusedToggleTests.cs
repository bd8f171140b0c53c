using FeatureFlags.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;

namespace FeatureFlags.Analyzers.Tests.Lifecycle;

public sealed class UnusedToggleTests
{
    private static string App(string body) => Sources.Checkout(Sources.Toggle("NewCart", "{|#0:\"new_cart\"|}")) + $$"""

        public static class Program
        {
            public static void Main()
            {
                IToggles toggles = null!;
                {{body}}
            }
        }
        """;

    [Test]
    public async Task NeverUsed_InAnApplication_IsInfo()
    {
        var test = Verify.Analyzer(App("_ = toggles;"), outputKind: OutputKind.ConsoleApplication);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("FF1007").WithLocation(0).WithArguments("checkout.new_cart"));
        await test.RunAsync();
    }

    [Test]
    public async Task OnlyRegistered_IsStillUnused()
    {
        var test = Verify.Analyzer(App("new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddFeatureToggles().AddToggles(CheckoutToggles.NewCart);"), outputKind: OutputKind.ConsoleApplication);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("FF1007").WithLocation(0).WithArguments("checkout.new_cart"));
        await test.RunAsync();
    }

    [TestCase("_ = toggles.IsEnabled(CheckoutToggles.NewCart);")]
    [TestCase("using (toggles.Override(CheckoutToggles.NewCart, true)) { }")]
    [TestCase("using (ToggleOverride.Set(\"checkout.new_cart\", true)) { }")]
    public async Task EvaluatedOrOverridden_NoDiagnostic(string body)
        => await Verify.Analyzer(App(body).Replace("{|#0:\"new_cart\"|}", "\"new_cart\"", StringComparison.Ordinal), outputKind: OutputKind.ConsoleApplication).RunAsync();

    [Test]
    public async Task InALibrary_NotReportedByDefault()
    {
        var source = Sources.Checkout(Sources.Toggle("NewCart", "\"new_cart\""));
        await Verify.Analyzer(source, outputKind: OutputKind.DynamicallyLinkedLibrary).RunAsync();
    }

    [Test]
    public async Task InALibrary_ReportedWhenOptedIn()
    {
        var test = Verify.Analyzer(Sources.Checkout(Sources.Toggle("NewCart", "{|#0:\"new_cart\"|}")), outputKind: OutputKind.DynamicallyLinkedLibrary);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig2", $"is_global = true\n{AnalyzerSettings.UnusedInLibrariesKey} = true\n"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("FF1007").WithLocation(0).WithArguments("checkout.new_cart"));
        await test.RunAsync();
    }
}
