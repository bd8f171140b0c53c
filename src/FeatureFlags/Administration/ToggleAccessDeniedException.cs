namespace FeatureFlags;

/// <summary>
/// Thrown when an actor changes a toggle whose declaration limits editing to roles the actor does not have.
/// Nothing was changed.
/// </summary>
public sealed class ToggleAccessDeniedException : ToggleException
{
    /// <summary>
    /// Initializes a new instance of the <see cref="ToggleAccessDeniedException"/> class.
    /// </summary>
    /// <param name="toggle">The toggle's full name.</param>
    /// <param name="actor">The refused actor's name.</param>
    /// <param name="requiredRoles">The roles of which the actor needs one.</param>
    public ToggleAccessDeniedException(string toggle, string actor, IReadOnlyList<string> requiredRoles)
        : this(toggle, actor, requiredRoles, $"'{actor}' may not change '{toggle}': it requires one of the roles [{string.Join(", ", requiredRoles)}].")
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="ToggleAccessDeniedException"/> class with the reason in words: for a
    /// change refused because of the toggles it reaches (a group's members, a prerequisite).
    /// </summary>
    /// <param name="toggle">The toggle's full name.</param>
    /// <param name="actor">The refused actor's name.</param>
    /// <param name="requiredRoles">The toggle's own editor roles.</param>
    /// <param name="message">Why the change was refused.</param>
    public ToggleAccessDeniedException(string toggle, string actor, IReadOnlyList<string> requiredRoles, string message)
        : base(ToggleErrorCode.AccessDenied, message, toggle)
    {
        Toggle = toggle;
        Actor = actor;
        RequiredRoles = requiredRoles;
    }

    /// <summary>Initializes a new instance of the <see cref="ToggleAccessDeniedException"/> class.</summary>
    public ToggleAccessDeniedException()
        : this("Access to the toggle was denied.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ToggleAccessDeniedException"/> class.</summary>
    /// <param name="message">The message.</param>
    public ToggleAccessDeniedException(string message)
        : base(ToggleErrorCode.AccessDenied, message)
    {
        Toggle = Actor = "?";
        RequiredRoles = [];
    }

    /// <summary>Initializes a new instance of the <see cref="ToggleAccessDeniedException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ToggleAccessDeniedException(string message, Exception innerException)
        : base(ToggleErrorCode.AccessDenied, message, null, innerException)
    {
        Toggle = Actor = "?";
        RequiredRoles = [];
    }

    /// <summary>Gets the toggle's full name.</summary>
    public string Toggle { get; }

    /// <summary>Gets the refused actor's name.</summary>
    public string Actor { get; }

    /// <summary>Gets the roles of which the actor needs one.</summary>
    public IReadOnlyList<string> RequiredRoles { get; }
}
