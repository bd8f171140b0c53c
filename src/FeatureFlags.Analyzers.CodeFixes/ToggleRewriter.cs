using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace FeatureFlags.Analyzers;

/// <summary>
/// Rewrites one document for a toggle being removed with one of its paths kept: <c>IsEnabled(T)</c> becomes the
/// constant and simplifies the <c>if</c> or ternary it decides, gates and overrides naming the toggle are removed (a
/// gate that only opens on the removed path removes its endpoint or action), registrations drop it.
/// </summary>
internal sealed class ToggleRewriter(DocumentEditor editor, bool keep)
{
    private readonly HashSet<SyntaxNode> _removed = [];

    public void RewriteReference(SyntaxNode node)
    {
        var expression = node as ExpressionSyntax;
        if (expression?.Parent is MemberAccessExpressionSyntax member && member.Name == expression)
        {
            expression = member;
        }

        if (expression?.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } list } argument)
        {
            return;
        }

        switch (MethodName(invocation))
        {
            case "IsEnabled":
                ReplaceCondition(invocation, keep);
                break;
            case "RequireToggle" or "RequireToggleDisabled" when invocation.Expression is MemberAccessExpressionSyntax call:
                var required = MethodName(invocation) == "RequireToggle";
                if (required == keep)
                {
                    Replace(invocation, call.Expression.WithTriviaFrom(invocation));
                }
                else if (invocation.FirstAncestorOrSelf<StatementSyntax>() is ExpressionStatementSyntax statement)
                {
                    ReplaceStatement(statement, null);
                }

                break;
            case "Override":
                RemoveOverride(invocation);
                break;
            case "AddToggles":
                if (list.Arguments.Count > 1)
                {
                    Remove(argument);
                }
                else if (invocation.Expression is MemberAccessExpressionSyntax registration)
                {
                    Replace(invocation, registration.Expression.WithTriviaFrom(invocation));
                }

                break;
        }
    }

    public void RewriteName(LiteralExpressionSyntax literal)
    {
        if (literal.Parent is AttributeArgumentSyntax { Parent: AttributeArgumentListSyntax { Parent: AttributeSyntax attribute } arguments })
        {
            var name = attribute.Name.ToString();
            if (name.EndsWith("ToggleGate", StringComparison.Ordinal) || name.EndsWith("ToggleGateAttribute", StringComparison.Ordinal))
            {
                var negate = arguments.Arguments.Any(a => a.NameEquals?.Name.Identifier.ValueText == "Negate" && a.Expression.IsKind(SyntaxKind.TrueLiteralExpression));
                if (!negate == keep)
                {
                    RemoveAttribute(attribute);
                }
                else if (attribute.Parent?.Parent is MethodDeclarationSyntax or ClassDeclarationSyntax)
                {
                    Remove(attribute.Parent.Parent);
                }
            }
            else if (name.EndsWith("OverrideToggle", StringComparison.Ordinal) || name.EndsWith("OverrideToggleAttribute", StringComparison.Ordinal))
            {
                RemoveAttribute(attribute);
            }

            return;
        }

        if (literal.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } } && MethodName(invocation) == "Set")
        {
            RemoveOverride(invocation);
        }
    }

    public void RemoveDeclaration(VariableDeclaratorSyntax declarator)
    {
        if (declarator.Parent is VariableDeclarationSyntax { Parent: FieldDeclarationSyntax field } declaration)
        {
            if (declaration.Variables.Count > 1)
            {
                Remove(declarator);
            }
            else if (_removed.Add(field))
            {
                // The blank line before the next member stays; the field's own goes with it.
                editor.RemoveNode(field, SyntaxRemoveOptions.KeepNoTrivia);
            }
        }
    }

    private void ReplaceCondition(ExpressionSyntax evaluation, bool value)
    {
        var current = evaluation;
        while (true)
        {
            if (current.Parent is ParenthesizedExpressionSyntax parenthesized)
            {
                current = parenthesized;
            }
            else if (current.Parent is PrefixUnaryExpressionSyntax unary && unary.IsKind(SyntaxKind.LogicalNotExpression))
            {
                current = unary;
                value = !value;
            }
            else
            {
                break;
            }
        }

        switch (current.Parent)
        {
            case IfStatementSyntax statement when statement.Condition == current:
                ReplaceStatement(statement, value ? statement.Statement : statement.Else?.Statement);
                break;
            case ConditionalExpressionSyntax conditional when conditional.Condition == current:
                var kept = value ? conditional.WhenTrue : conditional.WhenFalse;
                Replace(conditional, (NeedsParentheses(kept, conditional) ? ParenthesizedExpression(kept) : kept).WithTriviaFrom(conditional));
                break;
            default:
                Replace(current, LiteralExpression(value ? SyntaxKind.TrueLiteralExpression : SyntaxKind.FalseLiteralExpression).WithTriviaFrom(current));
                break;
        }
    }

    private void RemoveOverride(InvocationExpressionSyntax invocation)
    {
        switch (invocation.Parent)
        {
            case UsingStatementSyntax statement when statement.Expression == invocation:
                ReplaceStatement(statement, statement.Statement);
                break;
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax local } } }
                when local.UsingKeyword.IsKind(SyntaxKind.UsingKeyword):
                ReplaceStatement(local, null);
                break;
        }
    }

    /// <summary>Replaces a statement with the one kept (a block's statements are spliced in), or removes it.</summary>
    private void ReplaceStatement(StatementSyntax statement, StatementSyntax? kept)
    {
        var statements = kept switch
        {
            null => [],
            BlockSyntax block => block.Statements.ToList(),
            _ => [kept],
        };

        switch (statement.Parent)
        {
            case ElseClauseSyntax elseClause:
                if (statements.Count == 0)
                {
                    Remove(elseClause);
                }
                else
                {
                    Replace(statement, kept is BlockSyntax ? kept : Block(statements));
                }

                break;
            case GlobalStatementSyntax global:
                Splice(global, statements.Select(s => (SyntaxNode)GlobalStatement(s)).ToList());
                break;
            case BlockSyntax or SwitchSectionSyntax:
                Splice(statement, statements.Cast<SyntaxNode>().ToList());
                break;
            default:
                Replace(statement, kept ?? Block());
                break;
        }
    }

    private void Splice(SyntaxNode node, List<SyntaxNode> replacements)
    {
        if (replacements.Count == 0)
        {
            Remove(node);
            return;
        }

        if (!_removed.Add(node))
        {
            return;
        }

        var annotated = replacements.Select(r => r.WithAdditionalAnnotations(Formatter.Annotation)).ToList();
        annotated[0] = annotated[0].WithLeadingTrivia(node.GetLeadingTrivia());
        editor.InsertAfter(node, annotated);
        editor.RemoveNode(node, SyntaxRemoveOptions.KeepNoTrivia);
    }

    private void RemoveAttribute(AttributeSyntax attribute)
        => Remove(attribute.Parent is AttributeListSyntax { Attributes.Count: 1 } list ? list : attribute);

    private void Remove(SyntaxNode node)
    {
        if (_removed.Add(node) && !node.Ancestors().Any(_removed.Contains))
        {
            editor.RemoveNode(node);
        }
    }

    private void Replace(SyntaxNode node, SyntaxNode replacement)
    {
        if (_removed.Add(node) && !node.Ancestors().Any(_removed.Contains))
        {
            editor.ReplaceNode(node, replacement.WithAdditionalAnnotations(Formatter.Annotation));
        }
    }

    private static string? MethodName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        SimpleNameSyntax name => name.Identifier.ValueText,
        _ => null,
    };

    private static bool NeedsParentheses(ExpressionSyntax kept, ExpressionSyntax replaced)
        => kept is not (IdentifierNameSyntax or LiteralExpressionSyntax or InvocationExpressionSyntax or MemberAccessExpressionSyntax
                or ObjectCreationExpressionSyntax or ParenthesizedExpressionSyntax or InterpolatedStringExpressionSyntax or ElementAccessExpressionSyntax)
            && replaced.Parent is not (ArgumentSyntax or EqualsValueClauseSyntax or ReturnStatementSyntax or ArrowExpressionClauseSyntax
                or ParenthesizedExpressionSyntax or ExpressionStatementSyntax);
}
