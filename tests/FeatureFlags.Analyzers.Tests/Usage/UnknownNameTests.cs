using FeatureFlags.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;

namespace FeatureFlags.Analyzers.Tests.Usage;

public sealed class UnknownNameTests
{
    private static string With(string code) => Sources.Checkout(Sources.Toggle("NewCart", "\"new_cart\"")) + code;

    [Test]
    public async Task GateOnAMisspelledName_WarnsWithTheNearestName()
    {
        var test = Verify.Analyzer(With("""

            [FeatureFlags.AspNetCore.ToggleGate({|#0:"checkout.new_kart"|})]
            public sealed class CartController { }
            """));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("FF1006").WithLocation(0)
            .WithArguments("'checkout.new_kart' in [ToggleGate] matches no declared toggle; did you mean 'checkout.new_cart'?"));
        await test.RunAsync();
    }

    [Test]
    public async Task DeclaredNames_NoDiagnostic()
        => await Verify.Analyzer(With("""

            [FeatureFlags.AspNetCore.ToggleGate("checkout.new_cart", Negate = true)]
            public sealed class CartController
            {
                [FeatureFlags.Testing.OverrideToggle("checkout.new_cart", true)]
                public void Test()
                {
                    using (ToggleOverride.Set("checkout.new_cart", false)) { }
                    _ = FeatureFlags.Testing.ToggleTestCases.BothStates("checkout.new_cart");
                    new System.Net.Http.HttpRequestMessage().Headers.Add("X-Toggle-Overrides", "checkout.new_cart=on");
                    _ = new System.Net.Http.HttpClient().GetAsync("/cart?toggle.checkout.new_cart=off");
                }
            }
            """)).RunAsync();

    [Test]
    public async Task EveryStringApi_UnknownName_Warns()
    {
        var test = Verify.Analyzer(With("""

            public sealed class CartTests
            {
                [FeatureFlags.Testing.OverrideToggle({|#0:"checkout.gone"|}, true)]
                [NUnit.Framework.TestCaseSource(typeof(FeatureFlags.Testing.ToggleTestCases), "BothStates", {|#1:new object[] { "checkout.gone" }|})]
                public void Test(FeatureFlags.Testing.ToggleStates states)
                {
                    using (ToggleOverride.Set({|#2:"checkout.gone"|}, false)) { }
                    new System.Net.Http.HttpRequestMessage().Headers.Add("X-Toggle-Overrides", {|#3:"checkout.new_cart=on; checkout.gone=off"|});
                    _ = new System.Net.Http.HttpClient().GetAsync({|#4:"/cart?toggle.checkout.gone=off"|});
                }
            }
            """));
        var usages = new[] { "[OverrideToggle]", "[TestCaseSource(typeof(ToggleTestCases))]", "ToggleOverride.Set", "the request-override header", "a request-override query string" };
        for (var i = 0; i < usages.Length; i++)
        {
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("FF1006").WithLocation(i).WithArguments($"'checkout.gone' in {usages[i]} matches no declared toggle"));
        }

        await test.RunAsync();
    }

    [Test]
    public async Task MalformedName_Warns()
    {
        var test = Verify.Analyzer(With("""

            public static class C
            {
                public static void M() { using (ToggleOverride.Set({|#0:"NewCart"|}, false)) { } }
            }
            """));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("FF1006").WithLocation(0)
            .WithArguments("'NewCart' in ToggleOverride.Set is not a valid toggle name: expected 'namespace.name' of lower-case letters, digits and '_', at most 200 characters"));
        await test.RunAsync();
    }

    [Test]
    public async Task NameDeclaredInAReference_NoDiagnostic()
    {
        var library = LibraryWithGenerator("""
            using System;
            using FeatureFlags;

            public static class BillingToggles
            {
                private static readonly ToggleNamespace Ns = new("billing");
                public static readonly Flag Invoices = Ns.Flag("invoices", new() { Description = "d", UseCases = ToggleUseCases.BetaTesting, CreatedOn = new DateOnly(2026, 1, 1) });
            }
            """);
        var test = Verify.Analyzer(With("""

            public static class C
            {
                public static void M() { using (ToggleOverride.Set("billing.invoices", false)) { } using (ToggleOverride.Set({|#0:"billing.invoice"|}, false)) { } }
            }
            """));
        test.TestState.AdditionalReferences.Add(library);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("FF1006").WithLocation(0)
            .WithArguments("'billing.invoice' in ToggleOverride.Set matches no declared toggle; did you mean 'billing.invoices'?"));
        await test.RunAsync();
    }

    [Test]
    public async Task ReferenceThatCannotListItsToggles_NothingReported()
    {
        var library = MetadataReference.CreateFromImage(Emit(AnalyzerRun.Compile("Opaque", """
            using System;
            using FeatureFlags;

            public static class OpaqueToggles
            {
                private static readonly ToggleNamespace Ns = new("opaque");
                public static readonly Flag Hidden = Ns.Flag("hidden", new() { Description = "d", UseCases = ToggleUseCases.BetaTesting, CreatedOn = new DateOnly(2026, 1, 1) });
            }
            """)));
        var test = Verify.Analyzer(With("""

            public static class C
            {
                public static void M() { using (ToggleOverride.Set("opaque.hidden", false)) { } }
            }
            """));
        test.TestState.AdditionalReferences.Add(library);
        await test.RunAsync();
    }

    [Test]
    public void Generator_ListsTheAssemblysToggles()
    {
        var compilation = AnalyzerRun.Compile("Listed", Sources.Checkout(Sources.Toggle("NewCart", "\"new_cart\""), Sources.Toggle("Pay", "\"pay\"", type: "Flag")));
        var result = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(new DeclaredTogglesGenerator()).RunGenerators(compilation).GetRunResult();
        var text = result.GeneratedTrees.Single().ToString();
        Assert.That(text, Does.Contain("AssemblyMetadata(\"FeatureFlags.Toggle\", \"checkout.new_cart\")")
            .And.Contain("AssemblyMetadata(\"FeatureFlags.Toggle\", \"checkout.pay\")")
            .And.Contain("AssemblyMetadata(\"FeatureFlags.TogglesListed\", \"true\")"));
    }

    private static MetadataReference LibraryWithGenerator(string source)
    {
        var compilation = AnalyzerRun.Compile("Billing", source);
        Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(new DeclaredTogglesGenerator())
            .RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out _);
        return MetadataReference.CreateFromImage(Emit(withGenerated));
    }

    private static byte[] Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.That(result.Success, Is.True, string.Join("\n", result.Diagnostics));
        return stream.ToArray();
    }
}
