using FeatureFlags.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FeatureFlags.Sqlite.Tests;

/// <summary>
/// <c>UseSqlite</c> through the options pattern: options bound from configuration section <c>FeatureToggles:Store</c>,
/// code winning over configuration, validation once at start-up naming the bad keys, and the store built by the container.
/// </summary>
public class SqliteStoreRegistrationTests
{
    private SqliteFiles _files = null!;

    [SetUp]
    public void CreateFiles() => _files = new SqliteFiles();

    [TearDown]
    public void DeleteFiles() => _files.Dispose();

    [Test]
    public async Task UseSqlite_WithoutArguments_BindsTheStoreSectionOfConfiguration()
    {
        var database = _files.NewConnectionString();
        await using var provider = Provider(
            new() { ["FeatureToggles:Store:ConnectionString"] = database, ["FeatureToggles:Store:PollInterval"] = "00:00:07", ["FeatureToggles:Store:BusyTimeout"] = "00:00:02" },
            b => b.UseSqlite());

        var options = provider.GetRequiredService<IOptions<SqliteToggleStoreOptions>>().Value;
        var store = provider.GetRequiredService<IToggleStore>();
        await store.SetAsync("shop.kill", "{}", 0, new ToggleAuditInfo("ana"));

        Assert.That((options.ConnectionString, options.PollInterval, options.BusyTimeout), Is.EqualTo((database, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(2))));
        Assert.That(store, Is.InstanceOf<SqliteToggleStore>());
        Assert.That(File.Exists(new SqliteConnectionStringBuilder(database).DataSource), Is.True, "the store wrote to the configured file");
    }

    [Test]
    public async Task UseSqlite_CodeAndConfiguration_CodeWins()
    {
        var fromCode = _files.NewConnectionString();
        var fromConfiguration = _files.NewConnectionString();
        await using var provider = Provider(
            new() { ["FeatureToggles:Store:ConnectionString"] = fromConfiguration, ["FeatureToggles:Store:PollInterval"] = "00:00:07", ["FeatureToggles:Store:BusyTimeout"] = "00:00:02" },
            b => b.UseSqlite(fromCode, o => o.PollInterval = TimeSpan.FromSeconds(3)));

        var options = provider.GetRequiredService<IOptions<SqliteToggleStoreOptions>>().Value;

        Assert.That((options.ConnectionString, options.PollInterval), Is.EqualTo((fromCode, TimeSpan.FromSeconds(3))), "what the code sets wins");
        Assert.That(options.BusyTimeout, Is.EqualTo(TimeSpan.FromSeconds(2)), "what only configuration sets is kept");
    }

    [Test]
    public async Task UseSqlite_WithoutConfiguration_UsesWhatTheCodeSets()
    {
        var database = _files.NewConnectionString();
        var services = new ServiceCollection();
        services.AddFeatureToggles().UseSqlite(o => o.ConnectionString = database);
        await using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IOptions<SqliteToggleStoreOptions>>().Value.ConnectionString, Is.EqualTo(database));
    }

    [Test]
    public void BadConfiguration_FailsTheHostsStart_NamingEveryBadKey()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FeatureToggles:Store:ConnectionString"] = _files.NewConnectionString(),
            ["FeatureToggles:Store:PollInterval"] = "00:00:00",
            ["FeatureToggles:Store:BusyTimeout"] = "-00:00:01",
        });
        builder.Services.AddFeatureToggles().UseSqlite();
        using var host = builder.Build();

        var ex = Assert.ThrowsAsync<OptionsValidationException>(async () => await host.StartAsync());

        Assert.That(ex!.Message, Does.Contain("FeatureToggles:Store:PollInterval").And.Contain("FeatureToggles:Store:BusyTimeout"));
        Assert.That(ex.Failures, Has.Count.EqualTo(1), "one message listing every problem");
    }

    [Test]
    public void MalformedValueInConfiguration_FailsTheStoreNamingTheKey()
    {
        var provider = Provider(
            new() { ["FeatureToggles:Store:ConnectionString"] = _files.NewConnectionString(), ["FeatureToggles:Store:PollInterval"] = "soon" },
            b => b.UseSqlite());
        using var _ = provider;

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IToggleStore>());

        Assert.That(ex!.Message, Does.Contain("FeatureToggles:Store:PollInterval"));
    }

    [Test]
    public void NoConnectionStringAnywhere_FailsNamingTheKey()
    {
        using var provider = Provider(new() { ["FeatureToggles:Store:ConnectionString"] = " " }, b => b.UseSqlite());

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IToggleStore>());

        Assert.That(ex!.Message, Does.Contain("FeatureToggles:Store:ConnectionString must not be empty"));
    }

    private static ServiceProvider Provider(Dictionary<string, string?> configuration, Action<FeatureTogglesBuilder> use)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        use(services.AddFeatureToggles());
        return services.BuildServiceProvider();
    }
}
