namespace FeatureFlags.Cli.Tests;

public class SqliteCliTests : CliContractTests
{
    private TempFolder _folder = null!;
    private int _count;

    [OneTimeSetUp]
    public void Create() => _folder = new TempFolder("ff-cli-");

    [OneTimeTearDown]
    public void Delete() => _folder.Dispose();

    protected override async Task<string[]> NewStoreAsync()
    {
        var path = _folder.PathOf($"t{Interlocked.Increment(ref _count)}.db");
        await using (var store = new Sqlite.SqliteToggleStore(new Sqlite.SqliteToggleStoreOptions { ConnectionString = $"Data Source={path}" }))
        {
            await store.EnsureSchemaAsync();
        }

        return ["--sqlite", path];
    }

    protected override void UseStore(FeatureTogglesBuilder builder, string[] store)
        => builder.UseSqlite($"Data Source={store[1]}", o => o.PollInterval = TimeSpan.FromMilliseconds(100));

    protected override System.Data.Common.DbConnection Connect(string[] store)
        => new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store[1]};Pooling=False");

    [Test]
    public async Task MissingSqliteFile_ForARead_IsAConnectionError()
    {
        var result = await RunAsync(["--sqlite", _folder.PathOf("missing.db")], "list");

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Connection));
        Assert.That(result.Error, Does.Contain("does not exist"));
    }

    [Test]
    public async Task NoStoreNamed_IsAUsageError_AndEnvironmentVariableIsHonoured()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var none = await TogglesCommand.RunAsync(["list"], output, error, new Dictionary<string, string?>());
        var store = await NewStoreAsync();
        var viaEnvironment = await TogglesCommand.RunAsync(["switch", "contract.kill", "on", "--create"], output, error, new Dictionary<string, string?> { [TogglesCommand.SqliteVariable] = store[1] });

        Assert.That(none, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.ToString(), Does.Contain("--sqlite PATH or --postgres"));
        Assert.That(viaEnvironment, Is.EqualTo(ExitCodes.Ok));
    }

    [Test]
    public async Task Help_ListsEveryCommand()
    {
        using var output = new StringWriter();
        var code = await TogglesCommand.RunAsync(["--help"], output, TextWriter.Null);

        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
        foreach (var command in new[] { "list", "show", "switch", "flag", "override", "group", "require", "revert", "history", "delete", "report", "lint", "export", "import", "manifest" })
        {
            Assert.That(output.ToString(), Does.Contain($"  {command} "), command);
        }
    }
}
