using FeatureFlags.Analyzers.Tests.Support;

namespace FeatureFlags.Analyzers.Tests.Declarations;

public sealed class MissingMetadataTests
{
    [Test]
    public async Task CompleteMetadata_NoDiagnostic()
        => await Verify.Analyzer(Sources.Checkout(Sources.Toggle("NewCart", "\"new_cart\"", "\n        TargetRemovalOn = new DateOnly(2027, 6, 1),"))).RunAsync();

    [Test]
    public async Task EmptyDescriptionNoUseCaseDefaultDate_OneErrorNamingEach()
    {
        var source = Sources.Usings + """
            public static class CheckoutToggles
            {
                private static readonly ToggleNamespace Ns = new("checkout");

                public static readonly Switch NewCart = Ns.Switch({|#0:"new_cart"|}, new()
                {
                    Description = " ",
                    UseCases = ToggleUseCases.None,
                    CreatedOn = default,
                });
            }
            """;
        var test = Verify.Analyzer(source);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("FF1003").WithLocation(0)
            .WithArguments("checkout.new_cart", "a description is required; at least one use case is required; the created-on date is required"));
        await test.RunAsync();
    }

    [Test]
    public async Task RemovalBeforeCreation_IsAnError()
    {
        var test = Verify.Analyzer(Sources.Checkout(Sources.Toggle("NewCart", "{|#0:\"new_cart\"|}", "\n        TargetRemovalOn = new DateOnly(2026, 9, 1),")));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("FF1003").WithLocation(0)
            .WithArguments("checkout.new_cart", "the target removal date 2026-09-01 is before the created-on date 2026-10-01"));
        await test.RunAsync();
    }

    [Test]
    public async Task MetadataFromAVariable_NotJudged()
    {
        var source = Sources.Usings + """
            public static class CheckoutToggles
            {
                private static readonly ToggleNamespace Ns = new("checkout");
                private static readonly ToggleMetadata Shared = new() { Description = "d", UseCases = ToggleUseCases.OptOut, CreatedOn = new DateOnly(2026, 1, 1) };

                public static readonly Switch NewCart = Ns.Switch("new_cart", Shared);
            }
            """;
        await Verify.Analyzer(source).RunAsync();
    }
}
