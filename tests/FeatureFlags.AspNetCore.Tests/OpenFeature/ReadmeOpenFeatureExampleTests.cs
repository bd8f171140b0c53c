using System.Text.RegularExpressions;
using FeatureFlags.AspNetCore.Tests.Support;

namespace FeatureFlags.AspNetCore.Tests.OpenFeature;

/// <summary>
/// The README's JavaScript client example is the one <see cref="OpenFeatureClientTests"/> runs.
/// </summary>
public sealed partial class ReadmeOpenFeatureExampleTests
{
    [Test]
    public async Task ReadmeJavaScriptExample_IsTheBlockTheClientTestRuns()
    {
        var readme = await File.ReadAllTextAsync(Repository.PathOf("README.md"));
        var script = await File.ReadAllTextAsync(Path.Combine(NodeClient.Folder, "evaluate.mjs"));

        var inReadme = ReadmeBlock().Match(readme);
        var inScript = ScriptBlock().Match(script);

        Assert.That((inReadme.Success, inScript.Success), Is.EqualTo((true, true)));
        Assert.That(inReadme.Groups["code"].Value.Trim(), Is.EqualTo(inScript.Groups["code"].Value.Trim()));
    }

    [GeneratedRegex(@"#### OpenFeature \(OFREP\).*?```js\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ReadmeBlock();

    [GeneratedRegex(@"// README example begin\n(?<code>.*?)// README example end", RegexOptions.Singleline)]
    private static partial Regex ScriptBlock();
}
