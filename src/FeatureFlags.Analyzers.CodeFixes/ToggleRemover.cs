using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;

namespace FeatureFlags.Analyzers;

/// <summary>
/// The rewrite behind <see cref="RemoveToggleCodeFixProvider"/>, applied to every document that names the toggle, by
/// symbol or by its full name in a string.
/// </summary>
internal static class ToggleRemover
{
    public static async Task<Solution> RemoveAsync(Document document, TextSpan declaratorSpan, string fullName, bool keep, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindNode(declaratorSpan).FirstAncestorOrSelf<VariableDeclaratorSyntax>() is not { } declarator
            || model?.GetDeclaredSymbol(declarator, cancellationToken) is not IFieldSymbol field)
        {
            return document.Project.Solution;
        }

        var solution = document.Project.Solution;
        var references = await SymbolFinder.FindReferencesAsync(field, solution, cancellationToken).ConfigureAwait(false);
        var spans = references.SelectMany(r => r.Locations).GroupBy(l => l.Document.Id).ToDictionary(g => g.Key, g => g.Select(l => l.Location.SourceSpan).ToList());

        var quoted = "\"" + fullName + "\"";
        var documentIds = new HashSet<DocumentId>(spans.Keys) { document.Id };
        foreach (var project in solution.Projects)
        {
            foreach (var candidate in project.Documents)
            {
                var text = await candidate.GetTextAsync(cancellationToken).ConfigureAwait(false);
                if (text.ToString().Contains(quoted))
                {
                    documentIds.Add(candidate.Id);
                }
            }
        }

        var changed = solution;
        foreach (var id in documentIds)
        {
            var current = solution.GetDocument(id);
            if (current is null)
            {
                continue;
            }

            var editor = await DocumentEditor.CreateAsync(current, cancellationToken).ConfigureAwait(false);
            var rewriter = new ToggleRewriter(editor, keep);
            var currentRoot = editor.OriginalRoot;
            foreach (var span in spans.TryGetValue(id, out var list) ? list : [])
            {
                rewriter.RewriteReference(currentRoot.FindNode(span, getInnermostNodeForTie: true));
            }

            foreach (var literal in currentRoot.DescendantNodes().OfType<LiteralExpressionSyntax>())
            {
                if (literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Token.ValueText == fullName)
                {
                    rewriter.RewriteName(literal);
                }
            }

            if (id == document.Id)
            {
                rewriter.RemoveDeclaration(declarator);
            }

            var formatted = await Formatter.FormatAsync(current.WithSyntaxRoot(editor.GetChangedRoot()), Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            changed = changed.WithDocumentSyntaxRoot(id, (await formatted.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!);
        }

        return changed;
    }
}
