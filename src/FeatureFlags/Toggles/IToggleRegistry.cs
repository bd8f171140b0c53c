using System.Diagnostics.CodeAnalysis;

namespace FeatureFlags;

/// <summary>
/// Knows every toggle declared to the application: registered explicitly or discovered in assemblies.
/// </summary>
public interface IToggleRegistry
{
    /// <summary>
    /// Gets the declared toggles, ordered by full name.
    /// </summary>
    IReadOnlyList<Toggle> Toggles { get; }

    /// <summary>
    /// Finds a declared toggle by its full name.
    /// </summary>
    /// <param name="fullName">The toggle's <c>namespace.name</c>.</param>
    /// <param name="toggle">The toggle, when found.</param>
    /// <returns><see langword="true"/> when a toggle of that name is declared.</returns>
    bool TryGet(string fullName, [NotNullWhen(true)] out Toggle? toggle);
}
