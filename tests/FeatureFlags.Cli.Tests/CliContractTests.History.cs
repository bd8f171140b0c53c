using System.Text.RegularExpressions;

namespace FeatureFlags.Cli.Tests;

/// <summary>The audit on the command line: paged, and printed so that stored text cannot forge rows.</summary>
public abstract partial class CliContractTests
{
    [Test]
    public async Task History_Pages_AreDisjoint_NewestFirst_AndCoverEveryRow()
    {
        var store = await NewStoreAsync();
        await RunAsync(store, "switch", "contract.kill", "on", "--assembly", Assembly);
        for (var i = 0; i < 6; i++)
        {
            await RunAsync(store, "switch", "contract.kill", i % 2 == 0 ? "off" : "on");
        }

        await RunAsync(store, "override", "site", "contract.kill", "eu.example", "on");
        await RunAsync(store, "switch", "other.thing", "on", "--create");

        var pages = new List<List<long>>();
        string[] cursor = [];
        for (var guard = 0; guard < 10; guard++)
        {
            var page = await RunAsync(store, ["history", "contract.kill", "--limit", "3", .. cursor]);
            Assert.That(page.Code, Is.EqualTo(ExitCodes.Ok), page.Error);
            pages.Add([.. page.Output.Split('\n').Skip(1).Where(l => l.Length > 0 && char.IsAsciiDigit(l[0])).Select(l => long.Parse(l.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))]);
            var next = Regex.Match(page.Output, @"--before (\d+) --limit 3");
            if (!next.Success)
            {
                break;
            }

            cursor = ["--before", next.Groups[1].Value];
        }

        var all = pages.SelectMany(p => p).ToList();
        var json = await RunAsync(store, "history", "contract.kill", "--limit", "3", "--json");
        var document = System.Text.Json.JsonDocument.Parse(json.Output).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(pages.Select(p => p.Count), Is.EqualTo(new[] { 3, 3, 2 }), "8 rows of contract.kill, 3 a page");
            Assert.That(all, Is.Unique, "pages are disjoint");
            Assert.That(all, Is.Ordered.Descending, "newest first, across pages");
            Assert.That(all, Is.EquivalentTo(new long[] { 1, 2, 3, 4, 5, 6, 7, 8 }), "every row of the toggle and its overrides, none of other.thing");
            Assert.That(document.GetProperty("entries").GetArrayLength(), Is.EqualTo(3));
            Assert.That(document.GetProperty("nextBeforeVersion").GetInt64(), Is.EqualTo(6));
        });

        var badLimit = await RunAsync(store, "history", "contract.kill", "--limit", "1001");
        var badCursor = await RunAsync(store, "history", "contract.kill", "--before", "x");
        Assert.That(new[] { badLimit.Code, badCursor.Code }, Is.All.EqualTo(ExitCodes.Usage));
    }

    [Test]
    public async Task History_And_Show_PrintControlAndBidiCharactersEscaped_OneLinePerRow()
    {
        var store = await NewStoreAsync();
        await RunAsync(store, "switch", "contract.kill", "on", "--create");
        await InsertAuditRowAsync(store, 100, "contract.kill", "mallory\u001b[2J", "ok\r\n2026-01-01 00:00:00Z  admin  Deleted  contract.kill  approved\u202E");
        await InsertAuditRowAsync(store, 101, "contract.kill/site/evil\u001b[31m.example", "eve", "subject\nrow");

        var history = await RunAsync(store, "history", "contract.kill");
        var show = await RunAsync(store, "show", "contract.kill");

        var lines = history.Output.TrimEnd('\n').Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(history.Code, Is.EqualTo(ExitCodes.Ok), history.Error);
            Assert.That(lines, Has.Length.EqualTo(4), "a header and one line per row: " + history.Output);
            Assert.That(history.Output, Does.Contain(@"mallory\u001b[2J").And.Contain(@"ok\u000d\u000a2026-01-01").And.Contain(@"approved\u202e"));
            Assert.That(history.Output, Does.Contain(@"contract.kill/site/evil\u001b[31m.example").And.Contain(@"subject\u000arow"));
            Assert.That(show.Output, Does.Contain(@"mallory\u001b[2J").And.Contain(@"subject\u000arow"));
            foreach (var output in new[] { history.Output, show.Output })
            {
                Assert.That(output.Replace("\n", string.Empty, StringComparison.Ordinal).Any(c => char.IsControl(c) || c == '\u202E'), Is.False, "nothing raw but line ends");
            }
        });
    }
}
