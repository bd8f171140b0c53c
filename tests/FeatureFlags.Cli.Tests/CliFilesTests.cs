namespace FeatureFlags.Cli.Tests;

/// <summary>
/// The files the tool touches: its SQLite store file (never created or changed by reads, created only with --create)
/// and its own files (--assembly, export, manifest), whose failures are usage errors naming the file.
/// </summary>
public class CliFilesTests
{
    private static readonly string Assembly = typeof(ContractToggles).Assembly.Location;
    private TempFolder _folder = null!;

    [SetUp]
    public void Create() => _folder = new TempFolder("ff-cli-files-");

    [TearDown]
    public void Delete() => _folder.Dispose();

    [Test]
    public async Task MistypedSqlitePath_ForAWrite_IsExitThree_AndCreatesNothing_UnlessCreate()
    {
        var path = _folder.PathOf("toggels.db");

        var write = await RunAsync("switch", "contract.kill", "on", "--sqlite", path, "--assembly", Assembly);
        var leftBehind = Directory.GetFiles(_folder.FullName);
        var created = await RunAsync("switch", "contract.kill", "on", "--sqlite", path, "--assembly", Assembly, "--create");

        Assert.Multiple(() =>
        {
            Assert.That(write.Code, Is.EqualTo(ExitCodes.Connection));
            Assert.That(write.Error, Does.Contain($"SQLite file '{path}' does not exist; nothing was created. Pass --create"));
            Assert.That(leftBehind, Is.Empty, "no database, no journal");
            Assert.That(created.Code, Is.EqualTo(ExitCodes.Ok), created.Error);
            Assert.That(File.Exists(path), Is.True);
        });
    }

    [TestCase("list")]
    [TestCase("show", "contract.kill")]
    [TestCase("history", "contract.kill")]
    [TestCase("report")]
    [TestCase("lint")]
    [TestCase("export", "out.json")]
    [TestCase("switch", "contract.kill", "on")]
    public async Task AFileWithoutTheSchema_IsExitThree_AndStaysByteIdentical(params string[] command)
    {
        var path = _folder.PathOf("notes.db");
        await File.WriteAllBytesAsync(path, []);

        var result = await RunAsync([.. command.Select(a => a == "out.json" ? _folder.PathOf(a) : a), "--sqlite", path, "--assembly", Assembly]);

        Assert.Multiple(() =>
        {
            Assert.That(result.Code, Is.EqualTo(ExitCodes.Connection), result.Error);
            Assert.That(result.Error, Does.Contain("has no FeatureFlags toggle schema"));
            Assert.That(File.ReadAllBytes(path), Is.Empty, "not turned into a toggle database");
            Assert.That(Directory.GetFiles(_folder.FullName).Select(Path.GetFileName), Is.EqualTo(new[] { "notes.db" }), "no journal, no export");
        });
    }

    [Test]
    public async Task ReadCommands_OnAToggleDatabase_LeaveItByteIdentical()
    {
        var path = _folder.PathOf("toggles.db");
        await RunAsync("switch", "contract.kill", "on", "--sqlite", path, "--assembly", Assembly, "--create");
        var before = await File.ReadAllBytesAsync(path);

        foreach (var command in new[] { new[] { "list" }, ["show", "contract.kill"], ["history", "contract.kill"], ["report"], ["lint"], ["export", _folder.PathOf("out.json")] })
        {
            var result = await RunAsync([.. command, "--sqlite", path, "--assembly", Assembly]);
            Assert.That(result.Code, Is.EqualTo(ExitCodes.Ok), command[0] + ": " + result.Error);
        }

        Assert.That(await File.ReadAllBytesAsync(path), Is.EqualTo(before));
    }

    [Test]
    public async Task BadAssemblyFile_IsAUsageError_NamingTheFile()
    {
        var store = _folder.PathOf("toggles.db");
        await RunAsync("switch", "contract.kill", "on", "--sqlite", store, "--create");
        var bad = _folder.PathOf("NotAnAssembly.dll");
        await File.WriteAllTextAsync(bad, "not a PE file");

        var result = await RunAsync("list", "--sqlite", store, "--assembly", bad);

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(result.Error, Does.StartWith($"toggles: Cannot load assembly '{bad}'"));
    }

    [Test]
    public async Task ExportIntoAMissingFolder_IsAUsageError_NamingTheFile()
    {
        var store = _folder.PathOf("toggles.db");
        await RunAsync("switch", "contract.kill", "on", "--sqlite", store, "--create");
        var target = _folder.PathOf("no-such-folder", "export.json");

        var result = await RunAsync("export", target, "--sqlite", store);

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(result.Error, Does.StartWith($"toggles: Cannot write export file '{target}'"));
        Assert.That(Directory.Exists(Path.GetDirectoryName(target)), Is.False);
    }

    [Test]
    public async Task Manifest_TwoTogglesWithTheSameConstant_ExitsOne_NamingBoth_AndWritesNothing()
    {
        var file = _folder.PathOf("toggles.ts");

        var result = await RunAsync("manifest", "--typescript", file, "--assembly", typeof(CollidingToggles).Assembly.Location);

        Assert.Multiple(() =>
        {
            Assert.That(result.Code, Is.EqualTo(ExitCodes.Findings), result.Error);
            Assert.That(result.Error, Does.Contain("'shop.gift_card' and 'shop_gift.card' map to the same constant 'ShopGiftCard'"));
            Assert.That(File.Exists(file), Is.False);
        });
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await TogglesCommand.RunAsync(args, output, error, new Dictionary<string, string?>());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return (code, output.ToString(), error.ToString());
    }
}
