using Microsoft.Extensions.Configuration;

namespace FeatureFlags;

/// <summary>
/// Reads the configured value of a setting toggle, for the process cache and for reports alike.
/// </summary>
internal static class SettingToggleReader
{
    /// <summary>Returns the configuration key that holds a setting toggle's value.</summary>
    public static string KeyOf(SettingToggle toggle, string section) => toggle.ConfigurationKey ?? $"{section}:{toggle.FullName}";

    /// <summary>
    /// Reads a setting toggle's value: <see cref="ToggleState.SettingOn"/>, <see cref="ToggleState.SettingOff"/> or
    /// <see cref="ToggleState.SettingUnset"/> (no configuration, no value, or a value that is not a boolean).
    /// </summary>
    /// <param name="configuration">The configuration, or <see langword="null"/> when there is none.</param>
    /// <param name="section">The toggles' configuration section.</param>
    /// <param name="toggle">The setting toggle.</param>
    /// <param name="invalid">The value that is not a boolean, or <see langword="null"/>.</param>
    public static int Read(IConfiguration? configuration, string section, SettingToggle toggle, out string? invalid)
    {
        invalid = null;
        var raw = configuration?[KeyOf(toggle, section)];
        switch (raw?.Trim().ToUpperInvariant())
        {
            case null:
                return ToggleState.SettingUnset;
            case "TRUE" or "ON" or "YES" or "1":
                return ToggleState.SettingOn;
            case "FALSE" or "OFF" or "NO" or "0":
                return ToggleState.SettingOff;
            default:
                invalid = raw;
                return ToggleState.SettingUnset;
        }
    }
}
