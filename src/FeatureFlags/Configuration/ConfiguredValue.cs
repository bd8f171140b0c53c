namespace FeatureFlags;

/// <summary>One course's or organisation's value in a configuration override, and where it was configured.</summary>
internal readonly record struct ConfiguredValue(bool Enabled, string Path);
