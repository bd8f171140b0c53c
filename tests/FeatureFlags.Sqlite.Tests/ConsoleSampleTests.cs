using System.Reflection;
using FeatureFlags.Samples.Console;

namespace FeatureFlags.Sqlite.Tests;

/// <summary>
/// Runs the README's sample app (its real entry point) twice on one SQLite file: the second run starts from the state
/// the first one stored. Console output is process-wide, so this fixture does not run in parallel with others.
/// </summary>
[NonParallelizable]
public class ConsoleSampleTests
{
    [Test]
    public async Task Sample_TwoRuns_SecondRunSeesTheFirstRunsChange()
    {
        using var files = new SqliteFiles();
        var path = files.NewConnectionString()["Data Source=".Length..];

        var first = await RunSampleAsync(path);
        var second = await RunSampleAsync(path);

        Assert.That(first, Does.Contain("At start: checkout.new_cart = off by Default"));
        Assert.That(first, Does.Contain("Flipped:  checkout.new_cart = on by Switch"));
        Assert.That(second, Does.Contain("At start: checkout.new_cart = on by Switch"), "the first run's change persisted");
        Assert.That(second, Does.Contain("courseware.new_outline = off by Course: override for course 'course-v1:Acme+LAW101+2026'"));
        Assert.That(second.Split('\n').Count(l => l.Contains("flipped by the sample", StringComparison.Ordinal)), Is.EqualTo(2), "audit spans both runs");
        Assert.That(second, Does.Contain("courseware.new_outline           Both"), "report status");
        Assert.That(second, Does.Contain("[missing-owner]").And.Contain("courseware.enterprise_reports"), "lint findings");
    }

    private static async Task<string> RunSampleAsync(string databasePath)
    {
        var entry = typeof(CheckoutToggles).Assembly.EntryPoint!;
        var original = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            var result = entry.Invoke(null, [new[] { databasePath }]);
            if (result is Task task)
            {
                await task;
            }
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
        finally
        {
            Console.SetOut(original);
        }

        return output.ToString();
    }
}
