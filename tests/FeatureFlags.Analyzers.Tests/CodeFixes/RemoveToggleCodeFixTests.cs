using FeatureFlags.Analyzers.Tests.Support;

namespace FeatureFlags.Analyzers.Tests.CodeFixes;

public sealed class RemoveToggleCodeFixTests
{
    private const string Declarations = """
        using System;
        using FeatureFlags;

        public static class CheckoutToggles
        {
            private static readonly ToggleNamespace Ns = new("checkout");

            public static readonly Switch NewCart = Ns.Switch({|FF1004:"new_cart"|}, new()
            {
                Description = "A toggle.",
                UseCases = ToggleUseCases.IncrementalRelease,
                CreatedOn = new DateOnly(2026, 10, 1),
                TargetRemovalOn = new DateOnly(2026, 11, 1),
            });

            public static readonly Switch Kept = Ns.Switch("kept", new()
            {
                Description = "Stays.",
                UseCases = ToggleUseCases.CircuitBreaker,
                CreatedOn = new DateOnly(2026, 10, 1),
            });
        }

        """;

    private const string Removed = """
        using System;
        using FeatureFlags;

        public static class CheckoutToggles
        {
            private static readonly ToggleNamespace Ns = new("checkout");

            public static readonly Switch Kept = Ns.Switch("kept", new()
            {
                Description = "Stays.",
                UseCases = ToggleUseCases.CircuitBreaker,
                CreatedOn = new DateOnly(2026, 10, 1),
            });
        }

        """;

    private const string Usage = """
        public sealed class Cart(IToggles toggles)
        {
            public string Render()
            {
                if (toggles.IsEnabled(CheckoutToggles.NewCart))
                {
                    Console.WriteLine("new");
                    return "new cart";
                }
                else
                {
                    return "old cart";
                }
            }

            public string Label() => toggles.IsEnabled(CheckoutToggles.NewCart) ? "New" : "Old";

            public bool Legacy() => !toggles.IsEnabled(CheckoutToggles.NewCart) && toggles.IsEnabled(CheckoutToggles.Kept);

            public void Test()
            {
                using (toggles.Override(CheckoutToggles.NewCart, true))
                {
                    Render();
                }
            }
        }
        """;

    [Test]
    public async Task KeepOn_ConstantsSimplifiedOverridesUnwrappedDeclarationDeleted()
    {
        const string fixedUsage = """
            public sealed class Cart(IToggles toggles)
            {
                public string Render()
                {
                    Console.WriteLine("new");
                    return "new cart";
                }

                public string Label() => "New";

                public bool Legacy() => false && toggles.IsEnabled(CheckoutToggles.Kept);

                public void Test()
                {
                    Render();
                }
            }
            """;
        await Verify.CodeFix(Declarations + Usage, Removed + fixedUsage, keepOn: true).RunAsync();
    }

    [Test]
    public async Task KeepOff_ElseBranchKept()
    {
        const string fixedUsage = """
            public sealed class Cart(IToggles toggles)
            {
                public string Render()
                {
                    return "old cart";
                }

                public string Label() => "Old";

                public bool Legacy() => true && toggles.IsEnabled(CheckoutToggles.Kept);

                public void Test()
                {
                    Render();
                }
            }
            """;
        await Verify.CodeFix(Declarations + Usage, Removed + fixedUsage, keepOn: false).RunAsync();
    }

    [Test]
    public async Task GatesAndStringOverrides_RemovedOrTheirEndpointWithThem()
    {
        const string usage = """
            public static class Endpoints
            {
                public static void Map(Microsoft.AspNetCore.Builder.WebApplication app)
                {
                    app.MapGet("/cart/v2", () => "new").RequireToggle(CheckoutToggles.NewCart);
                    app.MapGet("/cart/legacy", () => "old").RequireToggleDisabled(CheckoutToggles.NewCart);
                }
            }

            [FeatureFlags.AspNetCore.ToggleGate("checkout.new_cart")]
            public sealed class NewCartController
            {
                [FeatureFlags.Testing.OverrideToggle("checkout.new_cart", false)]
                public void Test() { }

                [FeatureFlags.AspNetCore.ToggleGate("checkout.new_cart", Negate = true)]
                public void Legacy() { }
            }
            """;
        const string fixedUsage = """
            public static class Endpoints
            {
                public static void Map(Microsoft.AspNetCore.Builder.WebApplication app)
                {
                    app.MapGet("/cart/v2", () => "new");
                }
            }

            public sealed class NewCartController
            {
                public void Test() { }
            }
            """;
        var test = Verify.CodeFix(Declarations.Replace("using FeatureFlags;", "using FeatureFlags;\nusing FeatureFlags.AspNetCore;\nusing Microsoft.AspNetCore.Builder;", StringComparison.Ordinal) + usage,
            Removed.Replace("using FeatureFlags;", "using FeatureFlags;\nusing FeatureFlags.AspNetCore;\nusing Microsoft.AspNetCore.Builder;", StringComparison.Ordinal) + fixedUsage, keepOn: true);
        await test.RunAsync();
    }

    [Test]
    public async Task FixAllInDocument_RemovesEveryExpiredToggle()
    {
        const string source = """
            using System;
            using FeatureFlags;

            public static class CheckoutToggles
            {
                private static readonly ToggleNamespace Ns = new("checkout");

                public static readonly Switch A = Ns.Switch({|FF1004:"a"|}, new() { Description = "a", UseCases = ToggleUseCases.LaunchDate, CreatedOn = new DateOnly(2026, 1, 1), TargetRemovalOn = new DateOnly(2026, 2, 1) });

                public static readonly Switch B = Ns.Switch({|FF1004:"b"|}, new() { Description = "b", UseCases = ToggleUseCases.LaunchDate, CreatedOn = new DateOnly(2026, 1, 1), TargetRemovalOn = new DateOnly(2026, 2, 1) });

                public static int Price(IToggles toggles) => toggles.IsEnabled(A) ? 1 : toggles.IsEnabled(B) ? 2 : 3;
            }
            """;
        const string fixedSource = """
            using System;
            using FeatureFlags;

            public static class CheckoutToggles
            {
                private static readonly ToggleNamespace Ns = new("checkout");

                public static int Price(IToggles toggles) => 3;
            }
            """;
        var test = Verify.CodeFix(source, fixedSource, keepOn: false);
        // Both fixes rewrite the one expression; the batch fixer applies what does not overlap and finishes in a second pass.
        test.NumberOfFixAllIterations = -2;
        test.NumberOfFixAllInDocumentIterations = -2;
        test.NumberOfFixAllInProjectIterations = -2;
        test.NumberOfIncrementalIterations = 2;
        await test.RunAsync();
    }
}
