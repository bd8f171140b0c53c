namespace FeatureFlags.Cli.Tests;

/// <summary>
/// <c>toggles --version</c> prints the package version the tool was built as, and needs no store.
/// </summary>
public class CliVersionTests
{
    [Test]
    public async Task Version_PrintsThePackageVersion_AndSucceedsWithoutAStore()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await TogglesCommand.RunAsync(["--version"], output, error, new Dictionary<string, string?>());

        var expected = typeof(TogglesCommand).Assembly.GetName().Version!.ToString(3);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Ok), error.ToString());
            Assert.That(output.ToString().TrimEnd(), Is.EqualTo($"toggles {expected}"));
            Assert.That(TogglesCommand.Version, Does.Not.Contain('+'), "no build metadata");
            Assert.That(error.ToString(), Is.Empty);
        });
    }

    [Test]
    public async Task Help_ListsTheVersionOption()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        await TogglesCommand.RunAsync(["--help"], output, error, new Dictionary<string, string?>());

        Assert.That(output.ToString(), Does.Contain("--version"));
    }
}
