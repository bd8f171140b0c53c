using FeatureFlags.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Cli.Tests;

// Read commands read the store directly: no process cache, so no loader thread and no change feed.
public abstract partial class CliContractTests
{
    [Test]
    public async Task ReadCommands_ReadTheStore_AndNeverSubscribeToChanges()
    {
        var store = await NewStoreAsync();
        var declared = new[] { "--assembly", Assembly };
        await RunAsync(store, ["switch", "contract.kill", "on", "--reason", "seed", .. declared]);
        await RunAsync(store, ["override", "course", "contract.outline", "course-v1:A+B+C", "on", .. declared]);
        using var folder = new TempFolder("ff-export-");
        var export = folder.PathOf("export.json");
        string[][] commands =
        [
            ["list", .. declared], ["show", "contract.kill", .. declared], ["show", "contract.outline"], ["report", .. declared],
            ["lint", .. declared], ["history", "contract.kill"], ["export", export],
        ];

        foreach (var command in commands)
        {
            var (result, watched) = await RunWatchedAsync(store, command);
            Assert.Multiple(() =>
            {
                Assert.That(result.Code, Is.EqualTo(ExitCodes.Ok), $"{command[0]}: {result.Error}");
                Assert.That(watched.Calls, Is.GreaterThan(0), $"{command[0]} read through the watched store");
                Assert.That(watched.Subscriptions, Is.Zero, $"{command[0]} subscribed to the change feed (a process cache was started)");
            });
        }
    }

    /// <summary>Runs a command with its store wrapped, to count what the command does with it.</summary>
    private static async Task<((int Code, string Output, string Error) Result, HookableToggleStore Store)> RunWatchedAsync(string[] store, string[] args)
    {
        HookableToggleStore? watched = null;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await TogglesCommand.RunAsync([.. args, .. store], output, error, new Dictionary<string, string?>(), services =>
        {
            var chosen = services.Last(d => d.ServiceType == typeof(IToggleStore));
            services.Remove(chosen);
            services.AddSingleton<IToggleStore>(sp => watched = new HookableToggleStore((IToggleStore)chosen.ImplementationFactory!(sp)));
        });
        if (watched?.Inner is IAsyncDisposable inner)
        {
            // The container disposes only the wrapper it created.
            await inner.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Assert.That(watched, Is.Not.Null, $"{args[0]} opened no store");
        return ((code, output.ToString(), error.ToString()), watched!);
    }
}
