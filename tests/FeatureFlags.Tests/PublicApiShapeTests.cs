using System.Reflection;
using FeatureFlags.Storage;

namespace FeatureFlags.Tests;

/// <summary>
/// The shape of the public API: a caller of the admin, report and transfer interfaces names everything it needs with
/// <c>using FeatureFlags;</c> alone, and folders agree with namespaces (only <c>Storage/</c> is <c>FeatureFlags.Storage</c>).
/// </summary>
public class PublicApiShapeTests
{
    private static readonly Assembly Library = typeof(IToggles).Assembly;

    [Test]
    public void CallerFacingApi_NeedsOnlyTheRootNamespace()
    {
        // The interfaces callers hold, their typed extensions, and the exceptions their docs promise.
        Type[] entryPoints =
        [
            typeof(IToggles), typeof(IToggleAdmin), typeof(ToggleAdminExtensions), typeof(IToggleReporter),
            typeof(IToggleStateTransfer), typeof(ToggleConflictException), typeof(ToggleAccessDeniedException),
            typeof(ToggleStoreUnavailableException),
        ];
        var reached = new HashSet<Type>();
        foreach (var type in entryPoints)
        {
            Visit(type, reached);
        }

        // The walk reaches the types that used to need FeatureFlags.Storage, so it proves something.
        Assert.That(reached, Is.SupersetOf(new[] { typeof(ToggleRecord), typeof(ToggleAuditEntry), typeof(ToggleAuditAction), typeof(ToggleStoreWrite), typeof(OverrideLevel), typeof(ToggleHistoryPage) }));
        Assert.That(reached.Where(t => t.Namespace != "FeatureFlags").Select(t => t.FullName), Is.Empty);
    }

    [Test]
    public void StoreImplementerTypes_StayInTheStorageNamespace()
    {
        Assert.That(
            new[] { typeof(IToggleStore), typeof(InMemoryToggleStore), typeof(ToggleStoreChange), typeof(ToggleKeys), typeof(ToggleAuditInfo) }.Select(t => t.Namespace),
            Is.All.EqualTo("FeatureFlags.Storage"));
    }

    [Test]
    public void SourceFolders_AgreeWithNamespaces()
    {
        var project = Path.Combine(RepositoryRoot(), "src", "FeatureFlags");
        var storage = Path.Combine(project, "Storage") + Path.DirectorySeparatorChar;
        var mismatches = new List<string>();
        foreach (var file in Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var expected = file.StartsWith(storage, StringComparison.Ordinal) ? "FeatureFlags.Storage" : "FeatureFlags";
            var declared = File.ReadLines(file).FirstOrDefault(line => line.StartsWith("namespace ", StringComparison.Ordinal));
            if (declared != $"namespace {expected};")
            {
                mismatches.Add($"{Path.GetRelativePath(project, file)}: {declared ?? "no namespace"}, expected {expected}");
            }
        }

        Assert.That(mismatches, Is.Empty);
    }

    private static void Visit(Type type, HashSet<Type> reached)
    {
        if (type.IsByRef || type.IsArray || type.IsPointer)
        {
            Visit(type.GetElementType()!, reached);
            return;
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Visit(argument, reached);
            }

            type = type.GetGenericTypeDefinition();
        }

        if (type.Assembly != Library || type.IsGenericParameter || !type.IsPublic || !reached.Add(type))
        {
            return;
        }

        const BindingFlags members = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var method in type.GetMethods(members))
        {
            Visit(method.ReturnType, reached);
            foreach (var parameter in method.GetParameters())
            {
                Visit(parameter.ParameterType, reached);
            }
        }

        foreach (var constructor in type.GetConstructors())
        {
            foreach (var parameter in constructor.GetParameters())
            {
                Visit(parameter.ParameterType, reached);
            }
        }

        foreach (var property in type.GetProperties(members))
        {
            Visit(property.PropertyType, reached);
        }

        if (type.BaseType is { } baseType)
        {
            Visit(baseType, reached);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FeatureFlags.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("FeatureFlags.sln not found above " + AppContext.BaseDirectory);
    }
}
