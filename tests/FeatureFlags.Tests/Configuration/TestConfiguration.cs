using Microsoft.Extensions.Configuration;

namespace FeatureFlags.Tests.Configuration;

/// <summary>In-memory configuration that a test can change and reload, as a file provider does when the file changes.</summary>
internal sealed class TestConfiguration : IConfigurationSource
{
    private readonly ReloadableProvider _provider = new();

    public TestConfiguration(params (string Key, string Value)[] values)
    {
        foreach (var (key, value) in values)
        {
            _provider.Set(key, value);
        }

        Root = new ConfigurationBuilder().Add(this).Build();
    }

    public IConfigurationRoot Root { get; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => _provider;

    /// <summary>Replaces every value and raises the reload token.</summary>
    public void Reload(params (string Key, string Value)[] values)
    {
        _provider.Replace(values);
    }

    private sealed class ReloadableProvider : ConfigurationProvider
    {
        public void Replace((string Key, string Value)[] values)
        {
            Data = values.ToDictionary(v => v.Key, string? (v) => v.Value, StringComparer.OrdinalIgnoreCase);
            OnReload();
        }
    }
}
