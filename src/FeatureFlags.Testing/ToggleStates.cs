namespace FeatureFlags.Testing;

/// <summary>
/// A set of toggle values for one test case, produced by <see cref="ToggleTestCases"/>. Apply it at the start of the test.
/// </summary>
public sealed class ToggleStates
{
    internal ToggleStates(IReadOnlyList<KeyValuePair<string, bool>> values) => Values = values;

    /// <summary>Gets the toggle values, by full name.</summary>
    public IReadOnlyList<KeyValuePair<string, bool>> Values { get; }

    /// <summary>
    /// Returns the value of a toggle in this case.
    /// </summary>
    /// <param name="toggle">The toggle's full name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">The toggle is not part of this case.</exception>
    public bool this[string toggle]
    {
        get
        {
            foreach (var value in Values)
            {
                if (value.Key == toggle)
                {
                    return value.Value;
                }
            }

            throw new KeyNotFoundException($"'{toggle}' is not part of this test case.");
        }
    }

    /// <summary>
    /// Forces every value of this case for the current async flow until the handle is disposed.
    /// </summary>
    /// <returns>A handle that removes the overrides.</returns>
    /// <exception cref="ArgumentException">No declared toggle has one of the names; the message names the nearest one.</exception>
    public IDisposable Apply()
    {
        var handles = new Handles([]);
        try
        {
            foreach (var value in Values)
            {
                handles.Add(ToggleOverride.Set(value.Key, value.Value));
            }

            return handles;
        }
        catch
        {
            handles.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(",", Values.Select(v => $"{v.Key}={(v.Value ? "on" : "off")}"));

    private sealed class Handles(List<IDisposable> handles) : IDisposable
    {
        public void Add(IDisposable handle) => handles.Add(handle);

        public void Dispose()
        {
            for (var i = handles.Count - 1; i >= 0; i--)
            {
                handles[i].Dispose();
            }
        }
    }
}
