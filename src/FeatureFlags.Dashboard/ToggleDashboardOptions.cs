namespace FeatureFlags.Dashboard;

/// <summary>
/// Options of the toggle dashboard, validated when it is mapped.
/// </summary>
public sealed class ToggleDashboardOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether the dashboard only shows state: no forms are rendered and every change
    /// is refused on the server.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ReadOnly { get; set; }

    /// <summary>
    /// Gets or sets an authorization policy that a user needs, in addition to the dashboard's own policy, to change
    /// anything. Users without it see the dashboard read-only. <see langword="null"/> lets every user of the dashboard
    /// change what the toggles' editor roles allow.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? EditPolicy { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether every change needs a reason, recorded in the audit.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RequireReason { get; set; } = true;

    /// <summary>
    /// Gets the environments (compared without regard to case) in which dangerous actions — turning a toggle on or off
    /// for everyone, deleting its state, importing, adding overrides in bulk — need the operator to type the toggle's
    /// name (or <c>import</c>) to confirm. The check runs on the server.
    /// </summary>
    /// <value>The default value is a list holding <c>Production</c>.</value>
    public IList<string> ConfirmationEnvironments { get; } = ["Production"];

    /// <summary>
    /// Gets or sets the environment name shown in the banner on every page; <see langword="null"/> shows the host's
    /// environment name.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? EnvironmentName { get; set; }

    /// <summary>
    /// Gets or sets the banner's colour; <see langword="null"/> picks red for Production, amber for Staging and green
    /// otherwise.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ToggleDashboardColor? EnvironmentColor { get; set; }

    /// <summary>
    /// Gets or sets how many overrides or history rows one page shows.
    /// </summary>
    /// <value>The default value is 50.</value>
    public int PageSize { get; set; } = 50;

    internal IEnumerable<string> Problems()
    {
        if (PageSize is < 1 or > 1000)
        {
            yield return $"{nameof(PageSize)} must be from 1 to 1000 (was {PageSize}).";
        }

        if (EditPolicy is not null && string.IsNullOrWhiteSpace(EditPolicy))
        {
            yield return $"{nameof(EditPolicy)} must be null or a policy name.";
        }
    }
}
