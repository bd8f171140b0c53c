using FeatureFlags.Cli;
using FeatureFlags.Samples.Web;

namespace FeatureFlags.AspNetCore.Tests.ClientState;

/// <summary>
/// The front end's toggle names (the exposed toggles only) and the type of its state are generated from the
/// declarations; this fails when someone declares, renames, exposes or removes a toggle without regenerating them.
/// </summary>
public sealed class FrontEndConstantsTests
{
    [Test]
    public async Task SampleTypeScriptConstants_MatchTheDeclaredToggles()
    {
        var committed = Path.Combine(RepositoryRoot(), "samples", "FeatureFlags.Samples.Web", "ClientApp", "toggles.ts");
        using var folder = new TempFolder("ff-toggles-ts-");
        var generated = folder.PathOf("toggles.ts");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await TogglesCommand.RunAsync(
            ["manifest", "--typescript", generated, "--assembly", typeof(StorefrontToggles).Assembly.Location], output, error, new Dictionary<string, string?>());

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), error.ToString());
        Assert.That(
            await File.ReadAllTextAsync(generated),
            Is.EqualTo(await File.ReadAllTextAsync(committed)),
            "Regenerate with: dotnet run --project src/FeatureFlags.Cli -- manifest --typescript samples/FeatureFlags.Samples.Web/ClientApp/toggles.ts --assembly samples/FeatureFlags.Samples.Web/bin/Debug/net10.0/FeatureFlags.Samples.Web.dll");
        var constants = await File.ReadAllTextAsync(committed);
        Assert.That(constants, Does.Contain("StorefrontNewCheckout: \"storefront.new_checkout\""));
        Assert.That(constants, Does.Not.Contain("storefront.new_reports"), "a toggle not marked ExposeToClients never reaches the bundle");
        Assert.That(constants, Does.Contain("export interface ToggleState {\n  toggles: Record<ToggleName, boolean>;\n}"));
        Assert.That(constants, Does.Contain($"export const ToggleBootstrapElementId = \"{ToggleBootstrapTagHelper.DefaultElementId}\";"));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FeatureFlags.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("FeatureFlags.sln not found above the test directory.");
    }
}
