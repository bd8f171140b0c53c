using System.Diagnostics;
using System.Text.Json;

namespace FeatureFlags.AspNetCore.Tests.OpenFeature;

/// <summary>
/// Runs <c>client/evaluate.mjs</c> (a real OpenFeature client, installed by <c>npm ci</c> in that folder) with node.
/// Missing packages are installed from the lock file with <c>npm ci</c> when npm is there, so the README's one test
/// command runs these tests on a fresh machine; without node or npm the tests fail in CI (<see cref="TestEnvironment.IsCi"/>) and are
/// skipped elsewhere, naming the fix.
/// </summary>
internal static class NodeClient
{
    private static readonly Lock InstallLock = new();

    public static string Folder => Support.Repository.PathOf("tests", "FeatureFlags.AspNetCore.Tests", "OpenFeature", "client");

    public static void RequireInstalled()
    {
        lock (InstallLock)
        {
            if (!Installed() && FindTool("npm") is { } npm)
            {
                using var install = Process.Start(new ProcessStartInfo(npm, ["ci", "--no-audit", "--no-fund"]) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true })!;
                _ = install.StandardOutput.ReadToEndAsync();
                var errors = install.StandardError.ReadToEndAsync();
                if (!install.WaitForExit(TimeSpan.FromMinutes(5)))
                {
                    install.Kill(entireProcessTree: true);
                }

                TestContext.Progress.WriteLine($"npm ci in {Folder}: exit {(install.HasExited ? install.ExitCode : -1)} {errors.Result}");
            }
        }

        var missing = !Installed()
            ? $"The OpenFeature client packages are not installed: run `npm ci` in {Folder} (.ci/run does)."
            : FindNode() is null ? "node is not on PATH: install Node.js (Debian: apt-get install -y nodejs npm)." : null;
        if (missing is null)
        {
            return;
        }

        TestEnvironment.MissingPrerequisite(missing);
    }

    private static bool Installed() => File.Exists(Path.Combine(Folder, "node_modules", "@openfeature", "ofrep-provider", "package.json"));

    public static async Task<JsonElement> RunAsync(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(FindNode()!, ["evaluate.mjs"])
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await node.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw;
        }

        TestContext.Out.WriteLine(await errors);
        Assert.That(node.ExitCode, Is.Zero, $"node evaluate.mjs failed:\n{await errors}\n{await output}");
        using var document = JsonDocument.Parse(await output);
        return document.RootElement.Clone();
    }

    private static string? FindNode() => FindTool("node");

    private static string? FindTool(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
