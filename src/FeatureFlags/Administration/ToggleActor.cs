namespace FeatureFlags;

/// <summary>
/// The person or process changing toggles, with the roles used for least-privilege checks. Recorded in the audit.
/// </summary>
public sealed class ToggleActor
{
    /// <summary>
    /// Initializes a new instance of the <see cref="ToggleActor"/> class.
    /// </summary>
    /// <param name="name">The actor's name as it should appear in the audit.</param>
    /// <param name="roles">The actor's roles.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or a role is empty.</exception>
    public ToggleActor(string name, params IEnumerable<string> roles)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(roles);
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(role, nameof(roles));
            set.Add(role);
        }

        Name = name;
        Roles = set;
    }

    /// <summary>
    /// Gets the actor's name.
    /// </summary>
    public string Name { get; }

    /// <summary>
    /// Gets the actor's roles.
    /// </summary>
    public IReadOnlySet<string> Roles { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
