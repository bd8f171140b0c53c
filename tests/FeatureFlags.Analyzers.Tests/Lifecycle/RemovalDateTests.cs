using FeatureFlags.Analyzers.Tests.Support;

namespace FeatureFlags.Analyzers.Tests.Lifecycle;

public sealed class RemovalDateTests
{
    private static string Declared(string removal, string owner = "") =>
        Sources.Checkout(Sources.Toggle("NewCart", "{|#0:\"new_cart\"|}", $"\n        TargetRemovalOn = {removal},{owner}"));

    [Test]
    public async Task RemovalDatePassed_WarnsNamingDateAndOwner()
    {
        var test = Verify.Analyzer(Declared("new DateOnly(2026, 11, 1)", "\n        Owner = \"checkout-team\","));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("FF1004").WithLocation(0)
            .WithArguments("checkout.new_cart", "2026-11-01", 30, "2026-12-01", "; owner: checkout-team"));
        await test.RunAsync();
    }

    [Test]
    public async Task RemovalDateWithin14Days_IsInfo()
    {
        var test = Verify.Analyzer(Declared("new DateOnly(2026, 12, 15)"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("FF1005").WithLocation(0).WithArguments("checkout.new_cart", "2026-12-15", 14, string.Empty));
        await test.RunAsync();
    }

    [TestCase("new DateOnly(2026, 12, 16)")]
    [TestCase("null")]
    public async Task RemovalDateLater_OrNone_NoDiagnostic(string removal)
        => await Verify.Analyzer(Declared(removal).Replace("{|#0:\"new_cart\"|}", "\"new_cart\"", StringComparison.Ordinal)).RunAsync();

    [Test]
    public async Task BuildDateOption_MovesTheComparison()
    {
        var source = Declared("new DateOnly(2026, 11, 1)").Replace("{|#0:\"new_cart\"|}", "\"new_cart\"", StringComparison.Ordinal);
        await Verify.Analyzer(source, buildDate: "2026-10-01").RunAsync();
    }
}
