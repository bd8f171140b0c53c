namespace FeatureFlags;

// Configuration overrides: read from FeatureToggles:Overrides at start and on every configuration reload.
internal sealed partial class ToggleStateCache
{
    private Dictionary<string, ConfigurationOverride> _configured = new(StringComparer.Ordinal);
    private IReadOnlyList<ConfigurationOverrideProblem> _configurationProblems = [];
    private readonly HashSet<(string Path, string Message)> _loggedConfigurationProblems = [];

    /// <summary>Gets the entries under <c>FeatureToggles:Overrides</c> that were ignored at the last read, for lint.</summary>
    public IReadOnlyList<ConfigurationOverrideProblem> ConfigurationOverrideProblems => _configurationProblems;

    private void OnConfigurationReload()
    {
        RefreshSettings();
        RefreshConfigurationOverrides(raiseChanged: true);
    }

    private void RefreshConfigurationOverrides(bool raiseChanged)
    {
        if (_configuration is null)
        {
            return;
        }

        var (overrides, problems) = ConfigurationOverrideReader.Read(_configuration, _options.ConfigurationSection, _registry, _options.OrganizationComparer);
        var changed = new List<(string Name, ConfigurationOverride? Override)>();
        lock (_lock)
        {
            _configured = overrides;
            _configurationProblems = problems;
            foreach (var (name, state) in _states)
            {
                var next = overrides.GetValueOrDefault(name);
                if (!ReferenceEquals(state.Configured, next) && (state.Configured is not null || next is not null))
                {
                    changed.Add((name, next));
                }

                state.Configured = next;
            }

            foreach (var problem in problems)
            {
                if (_loggedConfigurationProblems.Add((problem.Path, problem.Message)))
                {
                    Log.ConfigurationOverrideIgnored(_logger, problem.Path, $"{problem.Message} {problem.FixHint}");
                }
            }
        }

        foreach (var (name, configured) in changed)
        {
            if (configured is not null)
            {
                Log.ConfigurationOverrideApplied(_logger, name, $"{configured.Summarize()} ({configured.Path})");
            }
        }

        if (raiseChanged && changed.Count > 0)
        {
            RaiseStateChanged([.. changed.Select(c => c.Name)], isFullReload: false);
        }
    }

    /// <summary>Gives a state created after the last read its configuration override. Called under the cache lock.</summary>
    private void ApplyConfiguredLocked(ToggleState state) => state.Configured = _configured.GetValueOrDefault(state.FullName);
}
