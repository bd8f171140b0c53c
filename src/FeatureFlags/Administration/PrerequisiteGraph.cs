using FeatureFlags.Storage;

namespace FeatureFlags;

/// <summary>
/// Who requires whom, read from the stored state (the authority shared by every instance) with pending writes laid
/// over it, so a write or a batch is checked against the state it would produce.
/// </summary>
internal sealed class PrerequisiteGraph
{
    private readonly Dictionary<string, IReadOnlyList<TogglePrerequisite>> _requires = new(StringComparer.Ordinal);

    private PrerequisiteGraph()
    {
    }

    /// <summary>Gets the toggles that require others.</summary>
    public IEnumerable<string> Toggles => _requires.Keys;

    /// <summary>Returns a graph with no edges, to fill from the store's index.</summary>
    public static PrerequisiteGraph Empty() => new();

    /// <summary>Sets the prerequisites of one toggle (none removes it from the graph).</summary>
    public void SetPrerequisites(string toggle, IReadOnlyList<TogglePrerequisite> requires)
    {
        if (requires.Count == 0)
        {
            _requires.Remove(toggle);
        }
        else
        {
            _requires[toggle] = requires;
        }
    }

    /// <summary>Returns whether the two graphs hold the same edges, in the same order.</summary>
    public bool SameAs(PrerequisiteGraph other)
        => _requires.Count == other._requires.Count
            && _requires.All(r => other._requires.TryGetValue(r.Key, out var o) && o.SequenceEqual(r.Value));

    /// <summary>Returns a copy, to lay pending writes over without changing what was read.</summary>
    public PrerequisiteGraph Copy()
    {
        var copy = new PrerequisiteGraph();
        foreach (var (toggle, requires) in _requires)
        {
            copy._requires[toggle] = requires;
        }

        return copy;
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

            graph.Set(record.Key, record.Value);
        }

        return graph;
    }

    /// <summary>Lays a pending write over the stored state: a value (null to delete) of a toggle's own key.</summary>
    public void Set(string toggle, string? value)
    {
        SetPrerequisites(toggle, value is null ? [] : StoredValueCodec.PrerequisitesOrEmpty(value));
    }

    /// <summary>Returns the toggles whose state requires <paramref name="toggle"/>, in name order.</summary>
    public IReadOnlyList<string> DependantsOf(string toggle)
        => [.. _requires.Where(r => r.Value.Any(p => string.Equals(p.Toggle, toggle, StringComparison.Ordinal))).Select(r => r.Key).Order(StringComparer.Ordinal)];

    /// <summary>Returns the prerequisites of a toggle's state, or an empty list.</summary>
    public IReadOnlyList<TogglePrerequisite> PrerequisitesOf(string toggle)
        => _requires.GetValueOrDefault(toggle) ?? [];

    /// <summary>
    /// Checks the whole graph once, without recursion: a cycle (spelled out from the first start that reaches it, as
    /// <c>a → b → c → a</c>), a chain longer than <see cref="TogglePrerequisite.MaxDepth"/> (evaluation would answer off),
    /// or a toggle whose check would evaluate more than <see cref="TogglePrerequisite.MaxEvaluations"/> toggles (shared
    /// prerequisites are evaluated once per path outside a request scope). Linear in toggles and prerequisites.
    /// </summary>
    /// <param name="starts">The toggles written, searched first so a cycle is spelled from one of them.</param>
    /// <returns>The problem, or null.</returns>
    public string? FindProblem(IEnumerable<string> starts)
    {
        var order = starts.Concat(_requires.Keys.Order(StringComparer.Ordinal)).ToList();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);   // 1: on the path, 2: done
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        var evaluations = new Dictionary<string, long>(StringComparer.Ordinal);
        var path = new List<(string Node, int Next)>();
        foreach (var start in order)
        {
            if (state.ContainsKey(start))
            {
                continue;
            }

            path.Add((start, 0));
            state[start] = 1;
            while (path.Count > 0)
            {
                var (node, next) = path[^1];
                var prerequisites = PrerequisitesOf(node);
                if (next < prerequisites.Count)
                {
                    path[^1] = (node, next + 1);
                    var child = prerequisites[next].Toggle;
                    if (state.TryGetValue(child, out var seen))
                    {
                        if (seen == 1)
                        {
                            var from = path.FindIndex(p => string.Equals(p.Node, child, StringComparison.Ordinal));
                            return $"Prerequisites would form a cycle: {string.Join(" → ", path.Skip(from).Select(p => p.Node).Append(child))}.";
                        }

                        continue;
                    }

                    state[child] = 1;
                    path.Add((child, 0));
                    continue;
                }

                // All prerequisites done: the longest chain below and the evaluations one check costs.
                var longest = 0;
                var total = 1L;
                foreach (var prerequisite in prerequisites)
                {
                    longest = Math.Max(longest, depth[prerequisite.Toggle] + 1);
                    total = Math.Min(total + evaluations[prerequisite.Toggle], long.MaxValue / 2);
                }

                if (longest > TogglePrerequisite.MaxDepth)
                {
                    return $"'{node}' would start a chain of {longest} prerequisites; at most {TogglePrerequisite.MaxDepth} are followed.";
                }

                if (total > TogglePrerequisite.MaxEvaluations)
                {
                    return $"Checking '{node}' would evaluate {total} toggles through its prerequisites; at most {TogglePrerequisite.MaxEvaluations} (share fewer prerequisites, or make the chain shallower).";
                }

                depth[node] = longest;
                evaluations[node] = total;
                state[node] = 2;
                path.RemoveAt(path.Count - 1);
            }
        }

        return null;
    }
}
