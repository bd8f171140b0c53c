using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FeatureFlags.Analyzers;

/// <summary>
/// Removes an expired or unused toggle (FF1004, FF1005, FF1007), keeping the on path or the off path: evaluations become
/// the constant and the <c>if</c> or ternary around them is simplified, gates and overrides that name the toggle go,
/// and the declaration is deleted. Fix-all works in a document, a project or the solution.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveToggleCodeFixProvider))]
public sealed class RemoveToggleCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of "keep the on path", for fix-all.</summary>
    public const string KeepOnKey = "FeatureFlags.RemoveToggle.KeepOn";

    /// <summary>The equivalence key of "keep the off path", for fix-all.</summary>
    public const string KeepOffKey = "FeatureFlags.RemoveToggle.KeepOff";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        [ToggleDiagnostics.ExpiredId, ToggleDiagnostics.ExpiringSoonId, ToggleDiagnostics.UnusedId];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var declarator = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<VariableDeclaratorSyntax>();
            if (declarator?.Parent?.Parent is not FieldDeclarationSyntax
                || !diagnostic.Properties.TryGetValue(ToggleDiagnostics.FullNameProperty, out var fullName) || fullName is null)
            {
                continue;
            }

            var span = declarator.Span;
            context.RegisterCodeFix(
                CodeAction.Create("Remove toggle, keep the on path", ct => ToggleRemover.RemoveAsync(context.Document, span, fullName, keep: true, ct), KeepOnKey),
                diagnostic);
            context.RegisterCodeFix(
                CodeAction.Create("Remove toggle, keep the off path", ct => ToggleRemover.RemoveAsync(context.Document, span, fullName, keep: false, ct), KeepOffKey),
                diagnostic);
        }
    }
}
