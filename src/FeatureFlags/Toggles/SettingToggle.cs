namespace FeatureFlags;

/// <summary>
/// A toggle read from configuration (configuration as code). It follows configuration reloads and cannot be changed through the store,
/// although site overrides and override scopes still apply.
/// </summary>
public sealed class SettingToggle : Toggle
{
    internal SettingToggle(ToggleNamespace @namespace, string name, ToggleMetadata metadata, string? configurationKey, string declaredAt)
        : base(@namespace, name, metadata, declaredAt)
    {
        if (configurationKey is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(configurationKey);
        }

        ConfigurationKey = configurationKey;
    }

    /// <summary>
    /// Gets the configuration key the value is read from, or <see langword="null"/> to read
    /// <c>{FeatureTogglesOptions.ConfigurationSection}:{FullName}</c>.
    /// </summary>
    public string? ConfigurationKey { get; }

    /// <inheritdoc />
    public override ToggleKind Kind => ToggleKind.Setting;
}
