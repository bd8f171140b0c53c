namespace FeatureFlags;

/// <summary>
/// A feature toggle declared in code: a namespaced name, metadata and a code default.
/// Declare toggles with the factory methods of <see cref="ToggleNamespace"/> and keep them in <see langword="static readonly"/> fields.
/// </summary>
public abstract class Toggle
{
    private static int s_lastId = -1;

    private protected Toggle(ToggleNamespace @namespace, string name, ToggleMetadata metadata, string declaredAt)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(metadata);
        ToggleNames.ValidateName(@namespace.Name, name);

        Namespace = @namespace;
        Name = name;
        FullName = @namespace.Name + "." + name;
        metadata.Validate(FullName);
        Metadata = metadata;
        DeclaredAt = declaredAt;
        Id = Interlocked.Increment(ref s_lastId);
        GroupFullName = metadata.Group switch
        {
            null => null,
            { } group when group.Contains('.', StringComparison.Ordinal) => group,
            { } group => @namespace.Name + "." + group,
        };
    }

    /// <summary>
    /// Gets the namespace that owns the toggle.
    /// </summary>
    public ToggleNamespace Namespace { get; }

    /// <summary>
    /// Gets the toggle's name within its namespace.
    /// </summary>
    public string Name { get; }

    /// <summary>
    /// Gets the toggle's unique name, <c>namespace.name</c>, under which its state is stored.
    /// </summary>
    public string FullName { get; }

    /// <summary>
    /// Gets the toggle's description, use cases, dates, owner and default.
    /// </summary>
    public ToggleMetadata Metadata { get; }

    /// <summary>
    /// Gets the value served when no override and no stored state decide.
    /// </summary>
    public bool DefaultValue => Metadata.DefaultValue;

    /// <summary>
    /// Gets the toggle's implementation.
    /// </summary>
    public abstract ToggleKind Kind { get; }

    /// <summary>
    /// Gets where the toggle was declared, as <c>file:line</c>, for error messages and reports.
    /// </summary>
    public string DeclaredAt { get; }

    /// <summary>A process-unique dense number used to index per-toggle state without hashing.</summary>
    internal int Id { get; }

    /// <summary>Gets the full name of the release group named in the metadata, or null.</summary>
    internal string? GroupFullName { get; }

    /// <inheritdoc />
    public override string ToString() => FullName;
}
