using Microsoft.Extensions.Configuration;

namespace FeatureFlags;

/// <summary>
/// What configuration says about the toggles when a report or lint runs: overrides under
/// <c>FeatureToggles:Overrides</c> (and the entries that are ignored) and the values of setting toggles. Read from
/// configuration itself rather than from the process cache, so a report needs no cache, loader or change feed.
/// </summary>
internal sealed class ReportConfiguration
{
    private static readonly Dictionary<string, ConfigurationOverride> NoOverrides = new(StringComparer.Ordinal);

    private readonly IConfiguration? _configuration;
    private readonly string _section;
    private readonly Dictionary<string, ConfigurationOverride> _overrides;

    private ReportConfiguration(IConfiguration? configuration, string section, Dictionary<string, ConfigurationOverride> overrides, IReadOnlyList<ConfigurationOverrideProblem> problems)
    {
        _configuration = configuration;
        _section = section;
        _overrides = overrides;
        Problems = problems;
    }

    /// <summary>Gets the entries under <c>FeatureToggles:Overrides</c> that are ignored.</summary>
    public IReadOnlyList<ConfigurationOverrideProblem> Problems { get; }

    /// <summary>Reads the overrides now; setting toggles are read when asked for.</summary>
    public static ReportConfiguration Read(IConfiguration? configuration, FeatureTogglesOptions options, IToggleRegistry registry)
    {
        if (configuration is null)
        {
            return new(null, options.ConfigurationSection, NoOverrides, []);
        }

        var (overrides, problems) = ConfigurationOverrideReader.Read(configuration, options.ConfigurationSection, registry, options.OrganizationComparer);
        return new(configuration, options.ConfigurationSection, overrides, problems);
    }

    /// <summary>Returns the configuration override of a declared toggle, or <see langword="null"/>.</summary>
    public ConfigurationOverride? OverrideOf(Toggle toggle) => _overrides.GetValueOrDefault(toggle.FullName);

    /// <summary>Returns a setting toggle's configured value (<see cref="ToggleState.SettingUnset"/> when not a boolean).</summary>
    public int SettingOf(SettingToggle toggle) => SettingToggleReader.Read(_configuration, _section, toggle, out _);
}
