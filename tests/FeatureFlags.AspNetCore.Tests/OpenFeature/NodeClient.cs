using System.Diagnostics;
using System.Text.Json;

namespace FeatureFlags.AspNetCore.Tests.OpenFeature;

/// <summary>
/// Runs <c>client/evaluate.mjs</c> (a real OpenFeature client, installed by <c>npm ci</c> in that folder) with node.
/// Without node or the installed packages the tests fail under <c>CI=true</c> and are skipped elsewhere, naming the fix.
/// </summary>
internal static class NodeClient
{
    public static string Folder => Support.Repository.PathOf("tests", "FeatureFlags.AspNetCore.Tests", "OpenFeature", "client");

    public static void RequireInstalled()
    {
        var missing = !File.Exists(Path.Combine(Folder, "node_modules", "@openfeature", "ofrep-provider", "package.json"))
            ? $"The OpenFeature client packages are not installed: run `npm ci` in {Folder} (.ci/run does)."
            : FindNode() is null ? "node is not on PATH: install Node.js (Debian: apt-get install -y nodejs npm)." : null;
        if (missing is null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(missing);
        }

        Assert.Ignore(missing);
    }

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

    private static string? FindNode()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, "node");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
