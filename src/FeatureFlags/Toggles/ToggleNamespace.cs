using System.Runtime.CompilerServices;

namespace FeatureFlags;

/// <summary>
/// Owns a set of toggles so that toggles of independent teams never collide: a toggle's full name is <c>namespace.name</c>.
/// </summary>
/// <example>
/// <code>
/// public static class CheckoutToggles
/// {
///     private static readonly ToggleNamespace Ns = new("checkout");
///
///     public static readonly Switch NewCart = Ns.Switch("new_cart", new()
///     {
///         Description = "Serves the rewritten cart.",
///         UseCases = ToggleUseCases.IncrementalRelease,
///         CreatedOn = new DateOnly(2026, 11, 1),
///     });
/// }
/// </code>
/// </example>
public sealed class ToggleNamespace
{
    /// <summary>
    /// Initializes a new instance of the <see cref="ToggleNamespace"/> class.
    /// </summary>
    /// <param name="name">The namespace: lower-case letters, digits and '_', optionally dotted (<c>lms.courseware</c>).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or not a valid namespace.</exception>
    public ToggleNamespace(string name)
    {
        ToggleNames.ValidateNamespace(name);
        Name = name;
    }

    /// <summary>
    /// Gets the namespace's name.
    /// </summary>
    public string Name { get; }

    /// <summary>
    /// Declares a <see cref="FeatureFlags.Switch"/> in this namespace.
    /// </summary>
    /// <param name="name">The toggle's name within the namespace.</param>
    /// <param name="metadata">The toggle's description, use cases, dates and default.</param>
    /// <param name="file">Filled in by the compiler.</param>
    /// <param name="line">Filled in by the compiler.</param>
    /// <returns>The declared switch.</returns>
    /// <exception cref="ArgumentException">The name or the metadata is invalid.</exception>
    public Switch Switch(string name, ToggleMetadata metadata, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => new(this, name, metadata, DeclaredAt(file, line));

    /// <summary>
    /// Declares a <see cref="FeatureFlags.Flag"/> in this namespace.
    /// </summary>
    /// <param name="name">The toggle's name within the namespace.</param>
    /// <param name="metadata">The toggle's description, use cases, dates and default.</param>
    /// <param name="file">Filled in by the compiler.</param>
    /// <param name="line">Filled in by the compiler.</param>
    /// <returns>The declared flag.</returns>
    /// <exception cref="ArgumentException">The name or the metadata is invalid.</exception>
    public Flag Flag(string name, ToggleMetadata metadata, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => new(this, name, metadata, DeclaredAt(file, line));

    /// <summary>
    /// Declares a <see cref="FeatureFlags.CourseFlag"/> in this namespace.
    /// </summary>
    /// <param name="name">The toggle's name within the namespace.</param>
    /// <param name="metadata">The toggle's description, use cases, dates and default.</param>
    /// <param name="file">Filled in by the compiler.</param>
    /// <param name="line">Filled in by the compiler.</param>
    /// <returns>The declared course flag.</returns>
    /// <exception cref="ArgumentException">The name or the metadata is invalid.</exception>
    public CourseFlag CourseFlag(string name, ToggleMetadata metadata, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => new(this, name, metadata, DeclaredAt(file, line));

    /// <summary>
    /// Declares an <see cref="FeatureFlags.OrgFlag"/> in this namespace.
    /// </summary>
    /// <param name="name">The toggle's name within the namespace.</param>
    /// <param name="metadata">The toggle's description, use cases, dates and default.</param>
    /// <param name="file">Filled in by the compiler.</param>
    /// <param name="line">Filled in by the compiler.</param>
    /// <returns>The declared organisation flag.</returns>
    /// <exception cref="ArgumentException">The name or the metadata is invalid.</exception>
    public OrgFlag OrgFlag(string name, ToggleMetadata metadata, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => new(this, name, metadata, DeclaredAt(file, line));

    /// <summary>
    /// Declares a <see cref="SettingToggle"/> in this namespace, read from configuration.
    /// </summary>
    /// <param name="name">The toggle's name within the namespace.</param>
    /// <param name="metadata">The toggle's description, use cases, dates and default.</param>
    /// <param name="configurationKey">The configuration key to read, or <see langword="null"/> for <c>FeatureToggles:{full name}</c>.</param>
    /// <param name="file">Filled in by the compiler.</param>
    /// <param name="line">Filled in by the compiler.</param>
    /// <returns>The declared setting toggle.</returns>
    /// <exception cref="ArgumentException">The name, the key or the metadata is invalid.</exception>
    public SettingToggle Setting(string name, ToggleMetadata metadata, string? configurationKey = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => new(this, name, metadata, configurationKey, DeclaredAt(file, line));

    /// <summary>
    /// Declares a release group in this namespace: toggles join it by naming it in <see cref="ToggleMetadata.Group"/>,
    /// and its stored state (on, off or unset) answers for all of them at once.
    /// </summary>
    /// <param name="name">The group's name within the namespace.</param>
    /// <param name="metadata">The group's metadata: description, use cases, dates and editor roles.</param>
    /// <param name="file">Filled in by the compiler.</param>
    /// <param name="line">Filled in by the compiler.</param>
    /// <returns>The group; keep it in a <see langword="static readonly"/> field.</returns>
    /// <exception cref="ArgumentException">The name or the metadata is invalid, or the metadata names a group itself.</exception>
    public ToggleGroup Group(string name, ToggleMetadata metadata, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => new(this, name, metadata, DeclaredAt(file, line));

    /// <inheritdoc />
    public override string ToString() => Name;

    private static string DeclaredAt(string file, int line)
        => file.Length == 0 ? "unknown" : $"{Path.GetFileName(file)}:{line}";
}
