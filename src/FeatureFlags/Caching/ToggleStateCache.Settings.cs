
namespace FeatureFlags;

// Setting toggles: read from configuration and refreshed when it reloads.
internal sealed partial class ToggleStateCache
{
    private void RefreshSettings()
    {
        lock (_lock)
        {
            foreach (var (toggle, state) in _settings)
            {
                state.Setting = ReadSetting(toggle);
            }
        }
    }

    private int ReadSetting(SettingToggle toggle)
    {
        var setting = SettingToggleReader.Read(_configuration, _options.ConfigurationSection, toggle, out var invalid);
        if (invalid is not null)
        {
            Log.InvalidSettingValue(_logger, toggle.FullName, SettingToggleReader.KeyOf(toggle, _options.ConfigurationSection), invalid);
        }

        return setting;
    }
}
