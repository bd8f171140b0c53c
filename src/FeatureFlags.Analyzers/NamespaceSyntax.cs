using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FeatureFlags.Analyzers;

/// <summary>
/// Reads a <c>ToggleNamespace</c> field's name from its initializer, <c>new("checkout")</c> or
/// <c>new ToggleNamespace("checkout")</c>, without a semantic model of the field's file.
/// </summary>
internal static class NamespaceSyntax
{
    public static string? TryGetName(IFieldSymbol? field, CancellationToken cancellationToken = default)
    {
        if (field is null || field.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        if (field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: var value })
        {
            return null;
        }

        var arguments = value switch
        {
            ImplicitObjectCreationExpressionSyntax implicitCreation => implicitCreation.ArgumentList,
            ObjectCreationExpressionSyntax creation => creation.ArgumentList,
            _ => null,
        };

        if (arguments is { Arguments.Count: > 0 } && arguments.Arguments[0].Expression is LiteralExpressionSyntax literal
            && literal.IsKind(SyntaxKind.StringLiteralExpression) && ToggleNameRules.IsValidNamespace(literal.Token.ValueText))
        {
            return literal.Token.ValueText;
        }

        return null;
    }
}
