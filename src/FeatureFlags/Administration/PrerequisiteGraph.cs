using FeatureFlags.Storage;

namespace FeatureFlags;

/// <summary>
/// Who requires whom, read from the stored state (the authority shared by every instance) with pending writes laid
/// over it, so a write or a batch is checked against the state it would produce.
/// </summary>
internal sealed class PrerequisiteGraph
{
    private readonly Dictionary<string, IReadOnlyList<TogglePrerequisite>> _requires = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stored = new(StringComparer.Ordinal);

    private PrerequisiteGraph()
    {
    }

    /// <summary>Reads every toggle's stored state once; only values that name prerequisites are decoded.</summary>
    public static async ValueTask<PrerequisiteGraph> LoadAsync(IToggleStore store, CancellationToken cancellationToken)
    {
        var graph = new PrerequisiteGraph();
        foreach (var record in await store.ListAsync(string.Empty, cancellationToken).ConfigureAwait(false))
        {
            if (!ToggleKeys.TryParse(record.Key, out _, out var level, out _) || level is not null)
            {
                continue;
            }

            graph._stored.Add(record.Key);
            graph.Set(record.Key, record.Value);
        }

        return graph;
    }

    /// <summary>Lays a pending write over the stored state: a value (null to delete) of a toggle's own key.</summary>
    public void Set(string toggle, string? value)
    {
        if (value is null)
        {
            _stored.Remove(toggle);
            _requires.Remove(toggle);
            return;
        }

        _stored.Add(toggle);
        var requires = StoredValueCodec.PrerequisitesOrEmpty(value);
        if (requires.Count == 0)
        {
            _requires.Remove(toggle);
        }
        else
        {
            _requires[toggle] = requires;
        }
    }

    /// <summary>Returns the toggles whose state requires <paramref name="toggle"/>, in name order.</summary>
    public IReadOnlyList<string> DependantsOf(string toggle)
        => [.. _requires.Where(r => r.Value.Any(p => string.Equals(p.Toggle, toggle, StringComparison.Ordinal))).Select(r => r.Key).Order(StringComparer.Ordinal)];

    /// <summary>Returns the prerequisites of a toggle's state, or an empty list.</summary>
    public IReadOnlyList<TogglePrerequisite> PrerequisitesOf(string toggle)
        => _requires.GetValueOrDefault(toggle) ?? [];

    /// <summary>
    /// Returns a cycle through <paramref name="start"/>, spelled out as <c>a → b → c → a</c>, or null when there is none.
    /// </summary>
    public string? FindCycle(string start)
    {
        var path = new List<string> { start };
        var visited = new HashSet<string>(StringComparer.Ordinal);
        return Walk(start, start, path, visited) ? string.Join(" → ", path) : null;
    }

    private bool Walk(string start, string current, List<string> path, HashSet<string> visited)
    {
        foreach (var prerequisite in PrerequisitesOf(current))
        {
            path.Add(prerequisite.Toggle);
            if (string.Equals(prerequisite.Toggle, start, StringComparison.Ordinal))
            {
                return true;
            }

            if (visited.Add(prerequisite.Toggle) && Walk(start, prerequisite.Toggle, path, visited))
            {
                return true;
            }

            path.RemoveAt(path.Count - 1);
        }

        return false;
    }
}
