namespace FeatureFlags;

/// <summary>
/// A release group: toggles join it by naming it in <see cref="ToggleMetadata.Group"/>, and its stored state switches
/// the whole release at once. When the group is on or off, that answers for every member ahead of the member's own
/// stored rules (site, course and organisation overrides, being more specific, still win); when it is unset, each
/// member follows its own rules.
/// </summary>
/// <remarks>
/// A group is itself a toggle: <see cref="IToggles.IsEnabled(Toggle)"/> on a group answers its stored state, or its
/// default when unset. Groups are flipped with <see cref="IToggleAdmin.SetGroupAsync"/>, versioned and audited like
/// toggles, and a toggle belongs to at most one group.
/// </remarks>
/// <example>
/// <code>
/// private static readonly ToggleNamespace Ns = new("checkout");
///
/// public static readonly ToggleGroup Release2 = Ns.Group("release_2", new()
/// {
///     Description = "Everything that ships with release 2.",
///     UseCases = ToggleUseCases.IncrementalRelease,
///     CreatedOn = new DateOnly(2026, 12, 1),
/// });
///
/// public static readonly Switch NewCart = Ns.Switch("new_cart", new()
/// {
///     Description = "Serves the rewritten cart.",
///     UseCases = ToggleUseCases.IncrementalRelease,
///     CreatedOn = new DateOnly(2026, 12, 1),
///     Group = "release_2",
/// });
/// </code>
/// </example>
public sealed class ToggleGroup : Toggle
{
    internal ToggleGroup(ToggleNamespace @namespace, string name, ToggleMetadata metadata, string declaredAt)
        : base(@namespace, name, metadata, declaredAt)
    {
        if (metadata.Group is not null)
        {
            throw new ArgumentException($"Group '{FullName}' names group '{metadata.Group}': groups do not nest.", nameof(metadata));
        }
    }

    /// <inheritdoc />
    public override ToggleKind Kind => ToggleKind.Group;
}
