using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FeatureFlags.Analyzers;

/// <summary>
/// What the operation and symbol actions of one compilation found; the checks that need all of it (duplicates, unknown
/// names, unused toggles) run once at the end of the compilation.
/// </summary>
internal sealed class ToggleCompilationState(ToggleSymbols symbols)
{
    private readonly ConcurrentDictionary<IFieldSymbol, string> _namespaces = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IFieldSymbol, byte> _usedFields = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentBag<ToggleDeclaration> _declarations = [];
    private readonly ConcurrentBag<NameReference> _references = [];

    public ToggleSymbols Symbols { get; } = symbols;

    public void AddNamespace(IFieldSymbol field, string name) => _namespaces[field] = name;

    public void AddDeclaration(ToggleDeclaration declaration) => _declarations.Add(declaration);

    public void AddUse(IFieldSymbol field) => _usedFields.TryAdd(field, 0);

    public void AddReference(NameReference reference) => _references.Add(reference);

    public void End(CompilationAnalysisContext context)
    {
        NameReferenceReader.FromAttributes(context.Compilation.Assembly, Symbols, context.CancellationToken, AddReference);

        var declared = new Dictionary<string, List<ToggleDeclaration>>(StringComparer.Ordinal);
        foreach (var declaration in _declarations)
        {
            var ns = declaration.NamespaceName
                ?? (declaration.NamespaceField is { } field && _namespaces.TryGetValue(field, out var name) ? name : NamespaceSyntax.TryGetName(declaration.NamespaceField, context.CancellationToken));
            if (ns is null)
            {
                continue;
            }

            if (!ToggleNameRules.FitsLength(ns, declaration.Name))
            {
                context.ReportDiagnostic(Diagnostic.Create(ToggleDiagnostics.InvalidName, declaration.Location,
                    $"Toggle name '{ns}.{declaration.Name}' is longer than {ToggleNameRules.MaxFullNameLength} characters"));
                continue;
            }

            var fullName = ns + "." + declaration.Name;
            if (!declared.TryGetValue(fullName, out var list))
            {
                declared[fullName] = list = [];
            }

            list.Add(declaration);
        }

        ReportDuplicates(context, declared);
        var usedByName = ReportUnknownNames(context, declared);
        if (AnalyzerSettings.ReportUnused(context.Compilation, context.Options))
        {
            ReportUnused(context, declared, usedByName);
        }
    }

    private static void ReportDuplicates(CompilationAnalysisContext context, Dictionary<string, List<ToggleDeclaration>> declared)
    {
        foreach (var pair in declared)
        {
            if (pair.Value.Count < 2)
            {
                continue;
            }

            var ordered = pair.Value.OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ToList();
            foreach (var declaration in ordered)
            {
                var others = ordered.Where(d => d != declaration).ToList();
                context.ReportDiagnostic(Diagnostic.Create(ToggleDiagnostics.DuplicateName, declaration.Location,
                    others.Select(d => d.Location), pair.Key, string.Join(" and ", others.Select(d => Describe(d.Location)))));
            }
        }
    }

    private HashSet<string> ReportUnknownNames(CompilationAnalysisContext context, Dictionary<string, List<ToggleDeclaration>> declared)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        if (_references.IsEmpty)
        {
            return used;
        }

        var known = ReferencedToggleNames.Read(context.Compilation, Symbols, out var complete);
        known.UnionWith(declared.Keys);
        foreach (var reference in _references)
        {
            used.Add(reference.Name);
            if (!ToggleNameRules.IsValidFullName(reference.Name))
            {
                context.ReportDiagnostic(Diagnostic.Create(ToggleDiagnostics.UnknownName, reference.Location,
                    $"'{reference.Name}' in {reference.Usage} is not a valid toggle name: expected 'namespace.name' of lower-case letters, digits and '_', at most {ToggleNameRules.MaxFullNameLength} characters"));
            }
            else if (complete && !known.Contains(reference.Name))
            {
                var nearest = NameSuggestions.Nearest(reference.Name, known);
                context.ReportDiagnostic(Diagnostic.Create(ToggleDiagnostics.UnknownName, reference.Location,
                    $"'{reference.Name}' in {reference.Usage} matches no declared toggle" + (nearest is null ? string.Empty : $"; did you mean '{nearest}'?")));
            }
        }

        return used;
    }

    private void ReportUnused(CompilationAnalysisContext context, Dictionary<string, List<ToggleDeclaration>> declared, HashSet<string> usedByName)
    {
        foreach (var pair in declared)
        {
            if (pair.Value.Count != 1 || pair.Value[0].Field is not { } field || _usedFields.ContainsKey(field) || usedByName.Contains(pair.Key))
            {
                continue;
            }

            // A release group is used through its members' metadata (Group = "name"), not by code paths.
            if (field.Type.Name == "ToggleGroup")
            {
                continue;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(ToggleDiagnostics.FullNameProperty, pair.Key);
            context.ReportDiagnostic(Diagnostic.Create(ToggleDiagnostics.Unused, pair.Value[0].Location, properties, pair.Key));
        }
    }

    private static string Describe(Location location)
    {
        var span = location.GetLineSpan();
        return $"{Path.GetFileName(span.Path)}:{span.StartLinePosition.Line + 1}";
    }
}
