namespace FeatureFlags;

/// <summary>
/// Everything the surfaces show for one toggle (<see cref="IToggleCatalog.GetAsync"/>). The admin HTTP API's
/// <c>GET {toggle}</c> and <c>toggles show --json</c> answer with <see cref="ToJson"/>; the dashboard's toggle page
/// renders the same view.
/// </summary>
/// <param name="Entry">The report row: metadata, current settings, status, group, members, prerequisites, dependants, schedules, first and last modified.</param>
/// <param name="Declaration">The declaration, or <see langword="null"/> for an orphan.</param>
/// <param name="State">The toggle's own stored state, or <see langword="null"/> when none is stored.</param>
/// <param name="Overrides">The stored site, course and organisation overrides, in key order.</param>
/// <param name="GroupSettings">The current settings of the toggle's release group, or <see langword="null"/> when it has none.</param>
/// <param name="Findings">The lint findings about this toggle.</param>
public sealed record ToggleView(
    ToggleReportEntry Entry,
    Toggle? Declaration,
    ToggleRecord? State,
    IReadOnlyList<ToggleRecord> Overrides,
    string? GroupSettings,
    IReadOnlyList<ToggleLintFinding> Findings)
{
    /// <summary>Gets the toggle's full name.</summary>
    public string Name => Entry.Name;

    /// <summary>Gets the version of the toggle's own stored state (0 when none is stored), the one a write names.</summary>
    public long Version => State?.Version ?? 0;

    /// <summary>
    /// Renders the view as one JSON document (camelCase names, as the admin HTTP API writes them).
    /// </summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => ToggleViewJson.Write(this);
}
