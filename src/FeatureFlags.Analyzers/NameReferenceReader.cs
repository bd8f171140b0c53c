using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace FeatureFlags.Analyzers;

/// <summary>
/// Finds toggles named by string: <c>ToggleOverride.Set("...")</c>, <c>ToggleTestCases.BothStates("...")</c>,
/// <c>[ToggleGate("...")]</c>, <c>[OverrideToggle("...")]</c>, test-case sources over <c>ToggleTestCases</c>, and request
/// overrides written in tests (<c>?toggle.ns.name=on</c>, an <c>X-Toggle-Overrides</c> header).
/// </summary>
internal static class NameReferenceReader
{
    private const string QueryPrefix = "toggle.";
    private const string OverrideHeader = "X-Toggle-Overrides";
    private static readonly char[] HeaderSeparators = [',', ';'];

    public static void FromInvocation(IInvocationOperation invocation, ToggleSymbols symbols, Action<NameReference> add)
    {
        var method = invocation.TargetMethod;
        if (ToggleSymbols.Is(method.ContainingType, symbols.ToggleOverride) && method.Name == "Set")
        {
            AddConstant(DeclarationReader.Argument(invocation, "fullName")?.Value, "ToggleOverride.Set", add);
            return;
        }

        if (ToggleSymbols.Is(method.ContainingType, symbols.TestCases))
        {
            foreach (var argument in invocation.Arguments)
            {
                AddConstant(argument.Value, "ToggleTestCases", add);
            }

            return;
        }

        // Request overrides in tests: a header value or a query string, written as constants.
        var arguments = invocation.Arguments;
        if (arguments.Length >= 2 && DeclarationReader.Constant(arguments[0].Value) is string header
            && string.Equals(header, OverrideHeader, StringComparison.OrdinalIgnoreCase)
            && DeclarationReader.Constant(arguments[1].Value) is string overrides)
        {
            foreach (var entry in overrides.Split(HeaderSeparators, StringSplitOptions.RemoveEmptyEntries))
            {
                var name = entry.Split('=')[0].Trim();
                if (ToggleNameRules.IsValidFullName(name))
                {
                    add(new NameReference(name, arguments[1].Value.Syntax.GetLocation(), "the request-override header"));
                }
            }

            return;
        }

        foreach (var argument in arguments)
        {
            if (DeclarationReader.Constant(argument.Value) is string text && text.IndexOf(QueryPrefix, StringComparison.Ordinal) >= 0)
            {
                FromQuery(text, argument.Value.Syntax.GetLocation(), add);
            }
        }
    }

    public static void FromAttributes(ISymbol symbol, ToggleSymbols symbols, CancellationToken cancellationToken, Action<NameReference> add)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            FromAttribute(attribute, symbols, cancellationToken, add);
        }
    }

    public static void FromAttribute(AttributeData attribute, ToggleSymbols symbols, CancellationToken cancellationToken, Action<NameReference> add)
    {
        var type = attribute.AttributeClass;
        if (type is null || attribute.ConstructorArguments.Length == 0)
        {
            return;
        }

        var usage = ToggleSymbols.Is(type, symbols.GateAttribute) ? "[ToggleGate]"
            : ToggleSymbols.Is(type, symbols.OverrideAttribute) ? "[OverrideToggle]"
            : null;
        if (usage is not null)
        {
            if (attribute.ConstructorArguments[0].Value is string name)
            {
                add(new NameReference(name, ArgumentLocation(attribute, 0, cancellationToken), usage));
            }

            return;
        }

        // [TestCaseSource(typeof(ToggleTestCases), nameof(ToggleTestCases.BothStates), new object[] { "ns.name" })]
        if (type.Name == "TestCaseSourceAttribute" && attribute.ConstructorArguments.Length == 3
            && attribute.ConstructorArguments[0].Value is ITypeSymbol source && ToggleSymbols.Is(source, symbols.TestCases)
            && attribute.ConstructorArguments[2].Kind == TypedConstantKind.Array)
        {
            foreach (var value in attribute.ConstructorArguments[2].Values)
            {
                if (value.Value is string name)
                {
                    add(new NameReference(name, ArgumentLocation(attribute, 2, cancellationToken), "[TestCaseSource(typeof(ToggleTestCases))]"));
                }
            }
        }
    }

    private static void AddConstant(IOperation? value, string usage, Action<NameReference> add)
    {
        if (value is not null && DeclarationReader.Constant(value) is string name)
        {
            add(new NameReference(name, value.Syntax.GetLocation(), usage));
        }
    }

    private static void FromQuery(string text, Location location, Action<NameReference> add)
    {
        var start = 0;
        while ((start = text.IndexOf(QueryPrefix, start, StringComparison.Ordinal)) >= 0)
        {
            var atParameter = start > 0 && text[start - 1] is '?' or '&';
            start += QueryPrefix.Length;
            if (!atParameter)
            {
                continue;
            }

            var end = text.IndexOf('=', start);
            if (end < 0)
            {
                return;
            }

            var name = text.Substring(start, end - start);
            if (ToggleNameRules.IsValidFullName(name))
            {
                add(new NameReference(name, location, "a request-override query string"));
            }
        }
    }

    private static Location ArgumentLocation(AttributeData attribute, int index, CancellationToken cancellationToken)
    {
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
        if (syntax is AttributeSyntax { ArgumentList: { } list } && list.Arguments.Count > index)
        {
            return list.Arguments[index].GetLocation();
        }

        return syntax?.GetLocation() ?? Location.None;
    }
}
