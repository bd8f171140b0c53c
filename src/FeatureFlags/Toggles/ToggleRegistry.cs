using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace FeatureFlags;

/// <summary>
/// Builds the set of declared toggles and rejects two declarations of one full name.
/// </summary>
internal sealed class ToggleRegistry : IToggleRegistry
{
    private readonly Dictionary<string, Toggle> _byName;

    public ToggleRegistry(ToggleRegistrations registrations)
    {
        var declarations = new List<(Toggle Toggle, string Declarer)>();
        foreach (var toggle in registrations.Toggles)
        {
            declarations.Add((toggle, toggle.DeclaredAt));
        }

        foreach (var assembly in registrations.Assemblies.Distinct())
        {
            declarations.AddRange(Discover(assembly));
        }

        _byName = new Dictionary<string, Toggle>(StringComparer.Ordinal);
        var declarers = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (toggle, declarer) in declarations)
        {
            if (!_byName.TryGetValue(toggle.FullName, out var existing))
            {
                _byName.Add(toggle.FullName, toggle);
                declarers.Add(toggle.FullName, declarer);
            }
            else if (!ReferenceEquals(existing, toggle))
            {
                problems.Add($"'{toggle.FullName}' is declared by {declarers[toggle.FullName]} and by {declarer}");
            }
            else if (declarer.Contains('(', StringComparison.Ordinal))
            {
                // The same instance seen again (registered and discovered): keep the richer description.
                declarers[toggle.FullName] = declarer;
            }
        }

        if (problems.Count == 0)
        {
            problems.AddRange(CheckGroups(_byName));
            if (problems.Count > 0)
            {
                throw new InvalidOperationException("Release groups must be declared and registered: " + string.Join("; ", problems) + ".");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                "Each toggle name must be declared once, with one type and one default. Duplicate declarations: "
                + string.Join("; ", problems) + ".");
        }

        Toggles = [.. _byName.Values.OrderBy(t => t.FullName, StringComparer.Ordinal)];
    }

    public IReadOnlyList<Toggle> Toggles { get; }

    public bool TryGet(string fullName, [NotNullWhen(true)] out Toggle? toggle)
    {
        ArgumentNullException.ThrowIfNull(fullName);
        return _byName.TryGetValue(fullName, out toggle);
    }

    /// <summary>Returns the release group a toggle belongs to, or null.</summary>
    internal static ToggleGroup? GroupOf(IToggleRegistry registry, Toggle toggle)
        => toggle.GroupFullName is { } name && registry.TryGet(name, out var group) ? group as ToggleGroup : null;

    private static IEnumerable<string> CheckGroups(Dictionary<string, Toggle> toggles)
    {
        foreach (var toggle in toggles.Values.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (toggle.GroupFullName is not { } name)
            {
                continue;
            }

            if (toggle is SettingToggle)
            {
                yield return $"'{toggle.FullName}' is a setting toggle and names group '{toggle.Metadata.Group}', but setting toggles take their value from configuration and cannot join a group";
            }
            else if (!toggles.TryGetValue(name, out var group))
            {
                var known = toggles.Values.OfType<ToggleGroup>().Select(g => g.FullName);
                var hint = NameSuggestions.Nearest(name, known) is { } suggestion ? $" (did you mean '{suggestion}'?)" : string.Empty;
                yield return $"'{toggle.FullName}' ({toggle.DeclaredAt}) names group '{name}', which is not registered{hint}: declare it with ToggleNamespace.Group and register it with its members (AddToggles, AddTogglesFromAssembly, or the toggles given to TogglesFixture)";
            }
            else if (group is not ToggleGroup)
            {
                yield return $"'{toggle.FullName}' names group '{name}', which is a {group.Kind}, not a group";
            }
        }
    }

    /// <summary>
    /// Finds toggles held in static fields and properties of the assembly's types. With
    /// <paramref name="skipFailures"/>, a member whose declaration throws is left out instead of failing the scan.
    /// </summary>
    internal static IEnumerable<(Toggle Toggle, string Declarer)> Discover(Assembly assembly, bool skipFailures = false)
    {
        const BindingFlags Flags = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            types = [.. ex.Types.OfType<Type>()];
        }

        foreach (var type in types)
        {
            if (type.ContainsGenericParameters)
            {
                continue;
            }

            foreach (var field in type.GetFields(Flags))
            {
                if (typeof(Toggle).IsAssignableFrom(field.FieldType))
                {
                    if (ReadMember(type, field.Name, () => field.GetValue(null), skipFailures) is Toggle toggle)
                    {
                        yield return (toggle, Describe(type, field.Name, toggle));
                    }
                }
            }

            foreach (var property in type.GetProperties(Flags))
            {
                if (typeof(Toggle).IsAssignableFrom(property.PropertyType) && property.GetMethod is not null && property.GetIndexParameters().Length == 0)
                {
                    if (ReadMember(type, property.Name, () => property.GetValue(null), skipFailures) is Toggle toggle)
                    {
                        yield return (toggle, Describe(type, property.Name, toggle));
                    }
                }
            }
        }
    }

    private static object? ReadMember(Type type, string member, Func<object?> read, bool skipFailures)
    {
        try
        {
            return read();
        }
        catch (Exception) when (skipFailures)
        {
            return null;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new InvalidOperationException(
                $"Reading toggle {type.FullName}.{member} failed: {ex.InnerException.Message}", ex.InnerException);
        }
        catch (TypeInitializationException ex) when (ex.InnerException is not null)
        {
            throw new InvalidOperationException(
                $"Declaring the toggles of {type.FullName} failed: {ex.InnerException.Message}", ex.InnerException);
        }
    }

    private static string Describe(Type type, string member, Toggle toggle)
        => $"{type.FullName}.{member} ({toggle.DeclaredAt})";
}
