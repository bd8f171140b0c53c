using System.Text;

namespace FeatureFlags.Tests.Rules;

public class PercentRolloutTests
{
    private const string Toggle = "checkout.new_cart";

    /// <summary>
    /// The vectors were computed by an independent Python implementation (docs/percent_rollout_vectors.py) in another
    /// process: matching them shows the bucket is stable across processes and reproducible in another language.
    /// </summary>
    [Test]
    public void GetBucket_MatchesPublishedCrossLanguageVectors()
    {
        var lines = File.ReadAllLines(Path.Combine(TestContext.CurrentContext.TestDirectory, "percent-rollout-vectors.csv"), Encoding.UTF8);
        Assert.That(lines, Has.Length.GreaterThan(10));

        Assert.Multiple(() =>
        {
            foreach (var line in lines.Skip(1))
            {
                var parts = line.Split(',');
                Assert.That(PercentRollout.GetBucket(parts[0], parts[1]), Is.EqualTo(int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)), line);
            }
        });
    }

    [Test]
    public void GetBucket_SameInputs_SameBucket_DifferentTogglesIndependent()
    {
        var users = Enumerable.Range(0, 10_000).Select(i => $"user-{i}").ToList();
        var a = users.Select(u => PercentRollout.GetBucket("ns.first", u) < 50_000).ToList();
        var again = users.Select(u => PercentRollout.GetBucket("ns.first", u) < 50_000).ToList();
        var b = users.Select(u => PercentRollout.GetBucket("ns.second", u) < 50_000).ToList();

        var agreement = a.Zip(b).Count(p => p.First == p.Second) / (double)users.Count;

        Assert.That(again, Is.EqualTo(a));
        Assert.That(agreement, Is.InRange(0.47, 0.53), "two toggles at 50 % should pick independent halves");
    }

    [TestCase(0.1)]
    [TestCase(1)]
    [TestCase(10)]
    [TestCase(25)]
    [TestCase(50)]
    [TestCase(75)]
    [TestCase(99.5)]
    public void Distribution_Over100000Ids_WithinOnePercentOfTarget(double percent)
    {
        var threshold = PercentRollout.GetThreshold((decimal)percent);
        var inCount = 0;
        for (var i = 0; i < 100_000; i++)
        {
            if (PercentRollout.GetBucket(Toggle, i.ToString(System.Globalization.CultureInfo.InvariantCulture)) < threshold)
            {
                inCount++;
            }
        }

        var actual = inCount / 1000.0;
        Assert.That(actual, Is.EqualTo(percent).Within(1.0), $"{actual} % of 100,000 ids were in for a {percent} % rollout");
    }

    [Test]
    public void RaisingPercent_NeverTurnsAnyoneOff()
    {
        var users = Enumerable.Range(0, 20_000).Select(i => $"u{i}").ToArray();
        decimal[] steps = [0, 0.001m, 1, 5, 12.345m, 30, 50, 80, 99.999m, 100];
        var previous = new bool[users.Length];

        foreach (var step in steps)
        {
            var threshold = PercentRollout.GetThreshold(step);
            for (var i = 0; i < users.Length; i++)
            {
                var now = PercentRollout.GetBucket(Toggle, users[i]) < threshold;
                Assert.That(!previous[i] || now, Is.True, $"{users[i]} dropped out when raising to {step} %");
                previous[i] = now;
            }
        }

        Assert.That(previous, Is.All.True, "at 100 % everyone is in");
    }

    [TestCase(0, 0)]
    [TestCase(0.001, 1)]
    [TestCase(12.345, 12345)]
    [TestCase(100, 100000)]
    public void GetThreshold_MapsPercentToBuckets(double percent, int expected)
    {
        Assert.That(PercentRollout.GetThreshold((decimal)percent), Is.EqualTo(expected));
    }

    [Test]
    public void GetBucket_StreamingHash_EqualsHashOfConcatenatedUtf8()
    {
        foreach (var user in new[] { "a", "Zoë", "用户", "emoji-\U0001F680", "lone-\ud800-surrogate", "mixé\U0001F680ascii", string.Empty, new string('x', 500) })
        {
            Assert.That(PercentRollout.GetBucket("ns.t", user), Is.EqualTo(ReferenceBucket("ns.t:" + user)), user);
        }
    }

    private static int ReferenceBucket(string text)
    {
        var hash = 0xcbf29ce484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 0x100000001b3UL;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        hash ^= hash >> 33;
        return (int)(hash % 100_000);
    }
}
