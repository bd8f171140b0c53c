using System.Text.Json;
using FeatureFlags.TestUtilities;

namespace FeatureFlags.Analyzers.Tests.Builds;

/// <summary>The analyzer in real <c>dotnet build</c>s: a consumer app with an expired toggle, and the repository's samples.</summary>
[NonParallelizable]
public sealed class RealBuildTests
{
    [Test]
    public async Task ExpiredToggle_WarnsInARealBuild_AndEditorConfigChangesSeverity()
    {
        using var folder = new TempFolder("ff-expired-");
        var directory = folder.FullName;
        var fixture = Path.Combine(AppContext.BaseDirectory, "Builds", "ExpiredToggleApp");
        File.Copy(Path.Combine(fixture, "ExpiredToggleApp.csproj.fixture"), Path.Combine(directory, "ExpiredToggleApp.csproj"));
        File.Copy(Path.Combine(fixture, "Program.cs.fixture"), Path.Combine(directory, "Program.cs"));
        File.Copy(Path.Combine(fixture, "editorconfig.fixture"), Path.Combine(directory, ".editorconfig"));

        var (exitCode, output) = await DotnetCli.RunAsync(directory, "build", "-nologo", "-p:FeatureFlagsDirectory=" + AppContext.BaseDirectory);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.Match(@"Program\.cs\(\d+,\d+\): warning FF1004: Toggle 'shop\.old_banner' was due for removal on 2026-06-01 \(\d+ day\(s\) before the build date \d{4}-\d{2}-\d{2}\); owner: marketing"), output);
            Assert.That(output, Does.Contain("warning FF1007: Toggle 'shop.forgotten' is never evaluated"), output);
            Assert.That(output, Does.Not.Contain("FF1007: Toggle 'shop.old_banner'"), output);
        });
    }

    /// <summary>
    /// Each sample, built with the analyzer (samples/Directory.Build.props) into a fresh folder so that the compiler runs
    /// and writes its SARIF log there, has no analyzer diagnostics; warnings already fail its build, and this also
    /// catches the info-level ones a build does not print. Only the sample is built (the solution build has built and
    /// restored what it references), and nothing in the repository's own output folders is touched.
    /// </summary>
    [TestCase("FeatureFlags.Samples.Console")]
    [TestCase("FeatureFlags.Samples.Web")]
    public async Task Samples_BuildWithNoAnalyzerDiagnostics(string sample)
    {
        using var folder = new TempFolder("ff-sample-");
        var directory = folder.FullName;
        var project = Path.Combine(RepositoryRoot(), "samples", sample, sample + ".csproj");
        var log = Path.Combine(directory, "analyzers.sarif");

        var (exitCode, output) = await DotnetCli.RunAsync(
            directory, "build", project, "-nologo", "--no-restore", "--no-dependencies", "-p:SampleBuildDirectory=" + directory);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(File.Exists(log), Is.True, $"this build wrote no analyzer log at {log}:{Environment.NewLine}{output}");
        using var sarif = JsonDocument.Parse(await File.ReadAllTextAsync(log));
        var rules = sarif.RootElement.GetProperty("runs").EnumerateArray()
            .SelectMany(r => r.GetProperty("tool").GetProperty("driver").TryGetProperty("rules", out var all) ? all.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(r => r.GetProperty("id").GetString())
            .ToList();
        Assert.That(rules, Does.Contain("FF1001"), "the analyzer ran in this build");
        var ours = sarif.RootElement.GetProperty("runs").EnumerateArray()
            .SelectMany(r => r.TryGetProperty("results", out var results) ? results.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(r => r.GetProperty("ruleId").GetString())
            .Where(id => id is not null && id.StartsWith("FF", StringComparison.Ordinal))
            .ToList();
        Assert.That(ours, Is.Empty);
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FeatureFlags.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("FeatureFlags.sln not found above " + AppContext.BaseDirectory);
    }
}
