using System.Text.Json;

namespace FeatureFlags.Analyzers.Tests.Builds;

/// <summary>The analyzer in real <c>dotnet build</c>s: a consumer app with an expired toggle, and the repository's samples.</summary>
[NonParallelizable]
public sealed class RealBuildTests
{
    [Test]
    public async Task ExpiredToggle_WarnsInARealBuild_AndEditorConfigChangesSeverity()
    {
        var directory = Directory.CreateTempSubdirectory("ff-expired-").FullName;
        try
        {
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
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// The samples build with the analyzer (samples/Directory.Build.props) and write the compiler's SARIF log; warnings
    /// already fail their build, and this also catches the info-level diagnostics a build does not print.
    /// </summary>
    [TestCase("FeatureFlags.Samples.Console")]
    [TestCase("FeatureFlags.Samples.Web")]
    public void Samples_BuildWithNoAnalyzerDiagnostics(string sample)
    {
        var log = Path.Combine(RepositoryRoot(), "samples", sample, "obj", "analyzers.sarif");
        Assert.That(File.Exists(log), Is.True, $"{log} is missing: build the solution (the samples) first.");

        using var sarif = JsonDocument.Parse(File.ReadAllText(log));
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
