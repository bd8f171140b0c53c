namespace FeatureFlags.Analyzers.Tests.Support;

/// <summary>Source snippets the tests share.</summary>
internal static class Sources
{
    public const string Usings = """
        using System;
        using FeatureFlags;

        """;

    /// <summary>A declaration of <c>checkout.{name}</c> with complete metadata and the given extra lines.</summary>
    public static string Toggle(string field, string name, string extra = "", string type = "Switch") => $$"""
            public static readonly {{type}} {{field}} = Ns.{{type}}({{name}}, new()
            {
                Description = "A toggle.",
                UseCases = ToggleUseCases.IncrementalRelease,
                CreatedOn = new DateOnly(2026, 10, 1),{{extra}}
            });
        """;

    /// <summary>A class <c>CheckoutToggles</c> in namespace <c>checkout</c> holding the given members.</summary>
    public static string Checkout(params string[] members) => Usings + $$"""
        public static class CheckoutToggles
        {
            private static readonly ToggleNamespace Ns = new("checkout");

        {{string.Join("\n\n", members)}}
        }

        """;
}
