namespace FeatureFlags;

/// <summary>
/// The one read model of toggles: what every surface (the admin HTTP API, the dashboard, the command line) shows for one
/// toggle, and pages of all toggles, read from the store and the declarations. Registered by
/// <c>AddFeatureToggles()</c>.
/// </summary>
public interface IToggleCatalog
{
    /// <summary>
    /// Returns everything known about one toggle: its declaration, stored state and overrides, group, prerequisites and
    /// dependants, schedules, first and last modified, and lint findings. Reads a fixed number of store keys and queries,
    /// whatever the size of the store.
    /// </summary>
    /// <param name="toggle">The toggle's full name.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The toggle, or <see langword="null"/> when it is neither declared nor stored.</returns>
    /// <exception cref="ArgumentException"><paramref name="toggle"/> is not a valid full name.</exception>
    ValueTask<ToggleView?> GetAsync(string toggle, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns one page of toggles (declared or stored), in name order, filtered by <paramref name="query"/>. Reads the
    /// stored state once; first and last modified times are not read (see <see cref="GetAsync"/>).
    /// </summary>
    /// <param name="query">The filter and the page; <see langword="null"/> for the first page of everything.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentException">The query's page or size is out of range.</exception>
    ValueTask<ToggleCatalogPage> ListAsync(ToggleCatalogQuery? query = null, CancellationToken cancellationToken = default);
}
