using FeatureFlags.Storage;

namespace FeatureFlags.Dashboard.Tests.Support;

/// <summary>
/// A fixture that runs its tests against the web sample on SQLite and again on PostgreSQL (a throwaway server; in CI,
/// <see cref="TestEnvironment.IsCi"/>, a server that cannot start fails the run). Each test starts from an empty store.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public abstract class DashboardFixture(string store)
{
    public const string Admin = "toggle-admin";
    public const string Viewer = "toggle-viewer";

    private PostgresServer? _server;

    protected DashboardApp App { get; private set; } = null!;

    protected string Store { get; } = store;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        string? postgres = null;
        if (Store == "postgres")
        {
            _server = await PostgresServer.StartOrIgnoreAsync();
            postgres = _server.ConnectionStringFor(await _server.CreateDatabaseAsync("dashboard"));
        }

        App = new DashboardApp(postgres);
        _ = App.BaseAddress;
    }

    [OneTimeTearDown]
    public async Task StopAppAsync()
    {
        await App.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [SetUp]
    public async Task EmptyTheStoreAsync()
    {
        var records = await App.Store.ListAsync(string.Empty);
        if (records.Count > 0)
        {
            await App.Store.WriteBatchAsync([.. records.Select(r => new ToggleStoreWrite(r.Key, null, r.Version))], new ToggleAuditInfo("test set-up"));
        }
    }

    /// <summary>A screenshot name unique to the store, so both runs keep theirs.</summary>
    protected string Shot(string name) => $"{name}-{Store}";
}
