namespace FeatureFlags;

/// <summary>
/// Describes a toggle for people: what it is for, when it was added and when it should go.
/// The fields follow the report of OEP-17; <see cref="Description"/>, <see cref="UseCases"/> and
/// <see cref="CreatedOn"/> are required.
/// </summary>
public sealed class ToggleMetadata
{
    /// <summary>
    /// Gets the human-readable description of what the toggle gates and why.
    /// </summary>
    public required string Description { get; init; }

    /// <summary>
    /// Gets the use cases the toggle serves. At least one is required.
    /// </summary>
    public required ToggleUseCases UseCases { get; init; }

    /// <summary>
    /// Gets the date the toggle was added to the code, used to find stale toggles.
    /// </summary>
    public required DateOnly CreatedOn { get; init; }

    /// <summary>
    /// Gets the date by which the toggle should be removed from the code, or <see langword="null"/> for a long-lived toggle.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public DateOnly? TargetRemovalOn { get; init; }

    /// <summary>
    /// Gets the team or person responsible for the toggle.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Owner { get; init; }

    /// <summary>
    /// Gets the release group the toggle belongs to: a group's name in the toggle's own namespace
    /// (<c>release_2</c>) or a group's full name (<c>checkout.release_2</c>). The group must be declared with
    /// <see cref="ToggleNamespace.Group"/> and registered, or start-up fails.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the toggle is in no group.</value>
    public string? Group { get; init; }

    /// <summary>
    /// Gets the value served when nothing else decides: no override, no stored state.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool DefaultValue { get; init; }

    /// <summary>
    /// Gets the roles allowed to change the toggle's stored state. Empty means any administrator may.
    /// </summary>
    /// <value>The default value is an empty list.</value>
    public IReadOnlyList<string> EditorRoles { get; init; } = [];

    /// <summary>
    /// Gets a value indicating whether the toggle's evaluated state may be sent to front ends.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ExposeToClients { get; init; }

    internal void Validate(string fullName)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Description))
        {
            problems.Add("a description is required");
        }

        if (UseCases == ToggleUseCases.None)
        {
            problems.Add("at least one use case is required");
        }
        else if (((int)UseCases & ~0xFF) != 0)
        {
            problems.Add($"use cases value {(int)UseCases} is not a combination of ToggleUseCases");
        }

        if (CreatedOn == default)
        {
            problems.Add("the created-on date is required");
        }

        if (TargetRemovalOn is { } removal && removal < CreatedOn)
        {
            problems.Add($"the target removal date {removal:yyyy-MM-dd} is before the created-on date {CreatedOn:yyyy-MM-dd}");
        }

        foreach (var role in EditorRoles ?? [])
        {
            if (string.IsNullOrWhiteSpace(role))
            {
                problems.Add("editor roles must not be empty");
                break;
            }
        }

        if (Group is not null && !ToggleNameRules.IsValidName(Group) && !ToggleNameRules.IsValidFullName(Group))
        {
            problems.Add($"group '{Group}' is not a valid group name");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"Toggle '{fullName}' has invalid metadata: {string.Join("; ", problems)}.", "metadata");
        }
    }
}
