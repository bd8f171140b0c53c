using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace FeatureFlags.Sql;

/// <summary>
/// Binds a SQL store's options from configuration section <see cref="SqlStoreRegistration.ConfigurationSection"/>,
/// before anything set in code (registered once, ahead of every <c>Configure</c> of the options, so code wins). Without
/// an <see cref="IConfiguration"/> in the container there is nothing to bind.
/// </summary>
/// <typeparam name="TOptions">The store's options.</typeparam>
internal sealed class SqlStoreConfiguration<TOptions>(IConfiguration? configuration = null) : IConfigureOptions<TOptions>
    where TOptions : SqlToggleStoreOptions
{
    public void Configure(TOptions options) => configuration?.GetSection(SqlStoreRegistration.ConfigurationSection).Bind(options);
}
