using FeatureFlags.Analyzers.Tests.Support;

namespace FeatureFlags.Analyzers.Tests.Declarations;

public sealed class DuplicateNameTests
{
    private const string Other = """

        public static class MoreCheckoutToggles
        {
            private static readonly ToggleNamespace Ns = new("checkout");

            public static readonly Flag Cart = Ns.Flag({|#1:"new_cart"|}, new()
            {
                Description = "Same name, other type.",
                UseCases = ToggleUseCases.BetaTesting,
                CreatedOn = new DateOnly(2026, 10, 2),
            });
        }
        """;

    [Test]
    public async Task SameFullNameTwice_ReportsBothDeclarations()
    {
        var test = Verify.Analyzer(Sources.Checkout(Sources.Toggle("NewCart", "{|#0:\"new_cart\"|}")) + Other);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("FF1002").WithLocation(0).WithLocation(1).WithArguments("checkout.new_cart", "Test0.cs:19"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("FF1002").WithLocation(1).WithLocation(0).WithArguments("checkout.new_cart", "Test0.cs:7"));
        await test.RunAsync();
    }

    [Test]
    public async Task SameNameInOtherNamespace_NoDiagnostic()
        => await Verify.Analyzer(Sources.Checkout(Sources.Toggle("NewCart", "\"new_cart\"")) + Other.Replace("new(\"checkout\")", "new(\"billing\")", StringComparison.Ordinal).Replace("{|#1:\"new_cart\"|}", "\"new_cart\"", StringComparison.Ordinal)).RunAsync();
}
