using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace FeatureFlags.Analyzers;

/// <summary>
/// Checks toggle declarations and string toggle names at compile time (FF1001–FF1007). It registers per-compilation
/// state and operation and symbol actions; the checks across declarations run once at the end of the compilation.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ToggleAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        ToggleDiagnostics.InvalidName,
        ToggleDiagnostics.DuplicateName,
        ToggleDiagnostics.MissingMetadata,
        ToggleDiagnostics.Expired,
        ToggleDiagnostics.ExpiringSoon,
        ToggleDiagnostics.UnknownName,
        ToggleDiagnostics.Unused,
    ];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(Start);
    }

    private static void Start(CompilationStartAnalysisContext context)
    {
        if (ToggleSymbols.Create(context.Compilation) is not { } symbols)
        {
            return;
        }

        var state = new ToggleCompilationState(symbols);
        context.RegisterOperationAction(c => OnCreation(c, state), OperationKind.ObjectCreation);
        context.RegisterOperationAction(c => OnInvocation(c, state), OperationKind.Invocation);
        context.RegisterOperationAction(c => OnFieldReference(c, state), OperationKind.FieldReference);
        context.RegisterSymbolAction(
            c => NameReferenceReader.FromAttributes(c.Symbol, symbols, c.CancellationToken, state.AddReference),
            SymbolKind.NamedType, SymbolKind.Method, SymbolKind.Property, SymbolKind.Field);
        context.RegisterCompilationEndAction(state.End);
    }

    private static void OnCreation(OperationAnalysisContext context, ToggleCompilationState state)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!ToggleSymbols.Is(creation.Type, state.Symbols.ToggleNamespace))
        {
            return;
        }

        var name = DeclarationReader.ReadNamespace(context, creation);
        var parent = creation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        if (name is not null && parent is IFieldInitializerOperation { InitializedFields.Length: 1 } initializer)
        {
            state.AddNamespace(initializer.InitializedFields[0], name);
        }
    }

    private static void OnInvocation(OperationAnalysisContext context, ToggleCompilationState state)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (DeclarationReader.IsDeclaration(invocation, state.Symbols))
        {
            if (DeclarationReader.Read(context, invocation, state.Symbols) is { } declaration)
            {
                state.AddDeclaration(declaration);
            }

            return;
        }

        NameReferenceReader.FromInvocation(invocation, state.Symbols, state.AddReference);
    }

    private static void OnFieldReference(OperationAnalysisContext context, ToggleCompilationState state)
    {
        var reference = (IFieldReferenceOperation)context.Operation;
        if (!state.Symbols.IsToggleType(reference.Field.Type) || IsRegistration(reference))
        {
            return;
        }

        state.AddUse(reference.Field);
    }

    /// <summary>Registering a toggle (<c>AddToggles(...)</c>) does not use it.</summary>
    private static bool IsRegistration(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IInvocationOperation invocation)
            {
                return invocation.TargetMethod.Name == "AddToggles";
            }
        }

        return false;
    }
}
