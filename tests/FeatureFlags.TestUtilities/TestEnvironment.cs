using NUnit.Framework;

namespace FeatureFlags.TestUtilities;

/// <summary>
/// Where the tests run. In CI a missing prerequisite (a PostgreSQL server, Node.js) fails the tests that need it;
/// elsewhere they are ignored with the reason, so a developer without it can still run the rest.
/// </summary>
public static class TestEnvironment
{
    /// <summary>Gets a value indicating whether the tests run in CI: the <c>CI</c> variable is set (see <see cref="MeansCi"/>).</summary>
    public static bool IsCi => MeansCi(Environment.GetEnvironmentVariable("CI"));

    /// <summary>
    /// Returns whether a value of the <c>CI</c> variable means CI: any value but an empty one, <c>false</c> or <c>0</c>
    /// (case-insensitive, surrounding white space ignored). CI services set it to <c>true</c>, <c>1</c> or their name.
    /// </summary>
    public static bool MeansCi(string? value)
    {
        var trimmed = value?.Trim();
        return !string.IsNullOrEmpty(trimmed)
            && !string.Equals(trimmed, "false", StringComparison.OrdinalIgnoreCase)
            && trimmed != "0";
    }

    /// <summary>
    /// Stops the current test for a missing prerequisite: fails it in CI (<see cref="IsCi"/>), ignores it elsewhere.
    /// </summary>
    /// <param name="reason">What is missing and how to get it.</param>
    public static void MissingPrerequisite(string reason)
    {
        if (IsCi)
        {
            Assert.Fail(reason);
        }

        Assert.Ignore(reason);
    }
}
