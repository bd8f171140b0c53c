using NUnit.Framework;

namespace FeatureFlags.Testing;

/// <summary>
/// Test-case sources that run a test in every state of one or two toggles (OEP-17: test both states).
/// </summary>
/// <example>
/// <code>
/// [TestCaseSource(typeof(ToggleTestCases), nameof(ToggleTestCases.BothStates), new object[] { "checkout.new_cart" })]
/// public void Checkout_Works(ToggleStates states)
/// {
///     using var _ = states.Apply();
///     ...
/// }
/// </code>
/// </example>
public static class ToggleTestCases
{
    /// <summary>
    /// Returns two cases: the toggle on, then off.
    /// </summary>
    /// <param name="toggle">The toggle's full name.</param>
    /// <returns>The test cases, each with one <see cref="ToggleStates"/> argument.</returns>
    public static IEnumerable<TestCaseData> BothStates(string toggle) => Combinations(toggle);

    /// <summary>
    /// Returns four cases: every combination of two toggles' values.
    /// </summary>
    /// <param name="first">The first toggle's full name.</param>
    /// <param name="second">The second toggle's full name.</param>
    /// <returns>The test cases, each with one <see cref="ToggleStates"/> argument.</returns>
    public static IEnumerable<TestCaseData> AllCombinations(string first, string second) => Combinations(first, second);

    private static IEnumerable<TestCaseData> Combinations(params string[] toggles)
    {
        foreach (var toggle in toggles)
        {
            ToggleNames.ValidateFullName(toggle, nameof(toggles));
        }

        for (var mask = 0; mask < 1 << toggles.Length; mask++)
        {
            var values = toggles.Select((t, i) => new KeyValuePair<string, bool>(t, (mask & (1 << i)) == 0)).ToList();
            var states = new ToggleStates(values);
            yield return new TestCaseData(states).SetArgDisplayNames(states.ToString());
        }
    }
}
