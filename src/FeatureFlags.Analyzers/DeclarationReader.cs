using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace FeatureFlags.Analyzers;

/// <summary>
/// Reads toggle declarations (<c>ns.Switch("name", new() { ... })</c>) and their metadata from operations, reporting what
/// can be decided from the one call: the name, the metadata the runtime requires, and the removal date.
/// </summary>
internal static class DeclarationReader
{
    private static readonly HashSet<string> DeclarationMethods = new(StringComparer.Ordinal) { "Switch", "Flag", "CourseFlag", "OrgFlag", "Setting", "Group" };

    public static bool IsDeclaration(IInvocationOperation invocation, ToggleSymbols symbols)
        => DeclarationMethods.Contains(invocation.TargetMethod.Name) && ToggleSymbols.Is(invocation.TargetMethod.ContainingType, symbols.ToggleNamespace);

    /// <summary>Checks a <c>new ToggleNamespace("...")</c> and returns its constant name, if any.</summary>
    public static string? ReadNamespace(OperationAnalysisContext context, IObjectCreationOperation creation)
    {
        if (creation.Arguments.Length == 0 || Constant(creation.Arguments[0].Value) is not string name)
        {
            return null;
        }

        if (!ToggleNameRules.IsValidNamespace(name))
        {
            context.ReportDiagnostic(Diagnostic.Create(ToggleDiagnostics.InvalidName, creation.Arguments[0].Syntax.GetLocation(),
                $"Toggle namespace '{name}' is invalid: each dot-separated part must start with a lower-case letter and contain only lower-case letters, digits and '_'"));
            return null;
        }

        return name;
    }

    public static ToggleDeclaration? Read(OperationAnalysisContext context, IInvocationOperation invocation, ToggleSymbols symbols)
    {
        var nameArgument = Argument(invocation, "name");
        if (nameArgument is null || Constant(nameArgument.Value) is not string name)
        {
            return null;
        }

        var location = nameArgument.Value.Syntax.GetLocation();
        var (namespaceField, namespaceName) = Receiver(invocation, symbols);
        var shownName = (namespaceName ?? NamespaceSyntax.TryGetName(namespaceField)) is { } ns ? ns + "." + name : name;
        var nameValid = ToggleNameRules.IsValidName(name);
        if (!nameValid)
        {
            var inNamespace = namespaceName ?? NamespaceSyntax.TryGetName(namespaceField);
            context.ReportDiagnostic(Diagnostic.Create(ToggleDiagnostics.InvalidName, location,
                $"Toggle name '{name}'{(inNamespace is null ? string.Empty : $" in namespace '{inNamespace}'")} is invalid: it must start with a lower-case letter and contain only lower-case letters, digits and '_'"));
        }

        if (Argument(invocation, "metadata")?.Value is { } metadata)
        {
            CheckMetadata(context, Unwrap(metadata), shownName, location, symbols);
        }

        return nameValid ? new ToggleDeclaration(InitializedField(invocation), namespaceField, namespaceName, name, location) : null;
    }

    private static void CheckMetadata(OperationAnalysisContext context, IOperation metadata, string shownName, Location location, ToggleSymbols symbols)
    {
        if (metadata is not IObjectCreationOperation { Initializer: { } initializer })
        {
            return;
        }

        var values = new Dictionary<string, IOperation>(StringComparer.Ordinal);
        foreach (var member in initializer.Initializers)
        {
            if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
            {
                values[property.Property.Name] = Unwrap(assignment.Value);
            }
        }

        // The runtime's rules, from ToggleMetadata.Validate; the shared test table in the analyzer tests runs both.
        var problems = new List<string>();
        if (values.TryGetValue("Description", out var description) && description.ConstantValue.HasValue
            && (description.ConstantValue.Value is not string text || text.Trim().Length == 0))
        {
            problems.Add("a description is required");
        }

        if (values.TryGetValue("UseCases", out var useCases) && useCases.ConstantValue is { HasValue: true, Value: int cases })
        {
            if (cases == 0)
            {
                problems.Add("at least one use case is required");
            }
            else if ((cases & ~0xFF) != 0)
            {
                problems.Add($"use cases value {cases} is not a combination of ToggleUseCases");
            }
        }

        DateTime? created = null;
        if (values.TryGetValue("CreatedOn", out var createdOn))
        {
            if (IsDefaultDate(createdOn))
            {
                problems.Add("the created-on date is required");
            }
            else
            {
                created = ReadDate(createdOn, symbols);
            }
        }

        var removal = values.TryGetValue("TargetRemovalOn", out var removalOn) ? ReadDate(removalOn, symbols) : null;
        if (removal is { } r && created is { } c && r < c)
        {
            problems.Add($"the target removal date {Format(r)} is before the created-on date {Format(c)}");
        }

        if (problems.Count > 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(ToggleDiagnostics.MissingMetadata, location, shownName, string.Join("; ", problems)));
            return;
        }

        if (removal is { } due)
        {
            var owner = values.TryGetValue("Owner", out var ownerValue) && ownerValue.ConstantValue.Value is string o && o.Trim().Length > 0
                ? $"; owner: {o}"
                : string.Empty;
            var buildDate = AnalyzerSettings.BuildDate(context.Options, location.SourceTree!);
            var properties = ImmutableDictionary<string, string?>.Empty.Add(ToggleDiagnostics.FullNameProperty, shownName);
            var days = (int)(due - buildDate).TotalDays;
            if (days < 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(ToggleDiagnostics.Expired, location, properties, shownName, Format(due), -days, Format(buildDate), owner));
            }
            else if (days <= ToggleDiagnostics.ExpiringSoonDays)
            {
                context.ReportDiagnostic(Diagnostic.Create(ToggleDiagnostics.ExpiringSoon, location, properties, shownName, Format(due), days, owner));
            }
        }
    }

    private static (IFieldSymbol? Field, string? Name) Receiver(IInvocationOperation invocation, ToggleSymbols symbols)
    {
        switch (invocation.Instance is null ? null : Unwrap(invocation.Instance))
        {
            case IFieldReferenceOperation field:
                return (field.Field, null);
            case IObjectCreationOperation creation when ToggleSymbols.Is(creation.Type, symbols.ToggleNamespace) && creation.Arguments.Length > 0:
                return (null, Constant(creation.Arguments[0].Value) as string is { } ns && ToggleNameRules.IsValidNamespace(ns) ? ns : null);
            default:
                return (null, null);
        }
    }

    private static IFieldSymbol? InitializedField(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case IConversionOperation:
                    continue;
                case IFieldInitializerOperation initializer:
                    return initializer.InitializedFields.Length == 1 ? initializer.InitializedFields[0] : null;
                default:
                    return null;
            }
        }

        return null;
    }

    private static bool IsDefaultDate(IOperation value)
        => value is IDefaultValueOperation || value is IObjectCreationOperation { Arguments.Length: 0, Initializer: null };

    private static DateTime? ReadDate(IOperation value, ToggleSymbols symbols)
    {
        if (value is not IObjectCreationOperation creation || !ToggleSymbols.Is(creation.Type, symbols.DateOnly) || creation.Arguments.Length != 3)
        {
            return null;
        }

        if (Constant(creation.Arguments[0].Value) is int year && Constant(creation.Arguments[1].Value) is int month && Constant(creation.Arguments[2].Value) is int day
            && year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            return new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
        }

        return null;
    }

    public static IArgumentOperation? Argument(IInvocationOperation invocation, string parameter)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == parameter)
            {
                return argument;
            }
        }

        return null;
    }

    public static object? Constant(IOperation operation) => operation.ConstantValue.HasValue ? operation.ConstantValue.Value : null;

    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    public static string Format(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
