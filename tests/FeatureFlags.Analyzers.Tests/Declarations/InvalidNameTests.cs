using FeatureFlags.Analyzers.Tests.Support;

namespace FeatureFlags.Analyzers.Tests.Declarations;

public sealed class InvalidNameTests
{
    [Test]
    public async Task ValidNamespaceAndName_NoDiagnostic()
        => await Verify.Analyzer(Sources.Checkout(Sources.Toggle("NewCart", "\"new_cart\""))).RunAsync();

    [TestCase("\"NewCart\"")]
    [TestCase("\"new-cart\"")]
    [TestCase("\"new.cart\"")]
    [TestCase("\"_cart\"")]
    public async Task InvalidToggleName_IsAnError(string name)
        => await Verify.Analyzer(Sources.Checkout(Sources.Toggle("NewCart", "{|FF1001:" + name + "|}"))).RunAsync();

    [Test]
    public async Task InvalidNamespace_IsAnErrorAtTheNamespace()
    {
        var source = Sources.Usings + """
            public static class Toggles
            {
                private static readonly ToggleNamespace Ns = new({|FF1001:"Check.out"|});
            }
            """;
        await Verify.Analyzer(source).RunAsync();
    }

    [Test]
    public async Task FullNameOver200Characters_IsAnError()
    {
        var source = Sources.Usings + $$"""
            public static class Toggles
            {
                private static readonly ToggleNamespace Ns = new("{{new string('a', 150)}}");

                public static readonly Switch Long = Ns.Switch({|FF1001:"{{new string('b', 60)}}"|}, new()
                {
                    Description = "Long.",
                    UseCases = ToggleUseCases.LaunchDate,
                    CreatedOn = new DateOnly(2026, 10, 1),
                });
            }
            """;
        await Verify.Analyzer(source).RunAsync();
    }

    [Test]
    public async Task Message_NamesTheNameAndTheNamespace()
    {
        var test = Verify.Analyzer(Sources.Checkout(Sources.Toggle("NewCart", "{|#0:\"New\"|}")));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("FF1001").WithLocation(0)
            .WithArguments("Toggle name 'New' in namespace 'checkout' is invalid: it must start with a lower-case letter and contain only lower-case letters, digits and '_'"));
        await test.RunAsync();
    }
}
