using FeatureFlags.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Cli;

/// <summary>
/// The store, the declared toggles and the services over them for one run. Read-only commands open the store
/// read-only; write commands use an existing store and create a new one (file and schema) only with <c>--create</c>.
/// </summary>
internal sealed class CliSession : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private CliSession(ServiceProvider provider, bool hasDeclarations)
    {
        _provider = provider;
        HasDeclarations = hasDeclarations;
    }

    /// <summary>Gets a value indicating whether declarations were read (<c>--assembly</c>).</summary>
    public bool HasDeclarations { get; }

    public IToggleAdmin Admin => _provider.GetRequiredService<IToggleAdmin>();

    public IToggleStore Store => _provider.GetRequiredService<IToggleStore>();

    public IToggleRegistry Registry => _provider.GetRequiredService<IToggleRegistry>();

    public IToggleReporter Reporter => _provider.GetRequiredService<IToggleReporter>();

    public IToggleCatalog Catalog => _provider.GetRequiredService<IToggleCatalog>();

    public IToggleStateTransfer Transfer => _provider.GetRequiredService<IToggleStateTransfer>();

    /// <summary>
    /// Opens the store and builds the services. Nothing here starts the process cache: the commands read through the
    /// admin API, the reporter and the transfer, which read the store directly, so a read command starts no loader
    /// thread and subscribes to no change feed.
    /// </summary>
    public static CliSession Open(CommandLine line, IReadOnlyDictionary<string, string?> env, StoreAccess access, Action<IServiceCollection>? configureServices = null)
    {
        var sqlite = line.Get("sqlite") ?? env.GetValueOrDefault(TogglesCommand.SqliteVariable);
        var postgres = line.Get("postgres") ?? env.GetValueOrDefault(TogglesCommand.PostgresVariable);
        if (access != StoreAccess.None && string.IsNullOrWhiteSpace(sqlite) == string.IsNullOrWhiteSpace(postgres))
        {
            throw new UsageException($"Name exactly one store: --sqlite PATH or --postgres CONNECTION (or {TogglesCommand.SqliteVariable} / {TogglesCommand.PostgresVariable}).");
        }

        var readOnly = access == StoreAccess.Read;
        var create = access == StoreAccess.Write && line.Has("create");
        var services = new ServiceCollection();

        // The application's custom rules do not run here: writes are checked for form, and the application checks
        // names and parameters when it loads them.
        services.AddSingleton(ToggleRuleRegistry.Unchecked);
        var builder = services.AddFeatureToggles(o => o.StartupLoadTimeout = TimeSpan.FromSeconds(10));
        var assemblies = line.GetAll("assembly");
        foreach (var assembly in assemblies)
        {
            builder.AddTogglesFromAssembly(MetadataLoadContext.LoadApplication(assembly));
        }

        if (access == StoreAccess.None)
        {
            builder.UseInMemoryStore();
        }
        else if (!string.IsNullOrWhiteSpace(sqlite))
        {
            if (!File.Exists(sqlite) && !create)
            {
                throw new ToggleStoreUnavailableException(readOnly
                    ? $"SQLite file '{sqlite}' does not exist; nothing was created."
                    : $"SQLite file '{sqlite}' does not exist; nothing was created. Pass --create to create a new toggle database there.");
            }

            var connection = new SqliteConnectionStringBuilder { DataSource = sqlite }.ToString();
            builder.UseSqlite(connection, o =>
            {
                o.ReadOnly = readOnly;
                o.CreateIfMissing = create;
            });
        }
        else
        {
            builder.UsePostgreSql(postgres!, o =>
            {
                o.ReadOnly = readOnly;
                o.CreateIfMissing = create;
            });
        }

        configureServices?.Invoke(services);
        return new CliSession(services.BuildServiceProvider(), assemblies.Count > 0);
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
