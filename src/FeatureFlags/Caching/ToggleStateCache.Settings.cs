
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
        if (_configuration is null)
        {
            return ToggleState.SettingUnset;
        }

        var key = toggle.ConfigurationKey ?? $"{_options.ConfigurationSection}:{toggle.FullName}";
        var raw = _configuration[key];
        if (raw is null)
        {
            return ToggleState.SettingUnset;
        }

        switch (raw.Trim().ToUpperInvariant())
        {
            case "TRUE" or "ON" or "YES" or "1":
                return ToggleState.SettingOn;
            case "FALSE" or "OFF" or "NO" or "0":
                return ToggleState.SettingOff;
            default:
                Log.InvalidSettingValue(_logger, toggle.FullName, key, raw);
                return ToggleState.SettingUnset;
        }
    }
}
