namespace FeatureFlags;

/// <summary>
/// A flag's rules with hash sets for membership tests; evaluation allocates nothing.
/// </summary>
internal sealed partial class CompiledFlag : CompiledRules
{
    private readonly HashSet<string> _users;
    private readonly HashSet<string> _groups;
    private readonly HashSet<string> _languages;
    private readonly int _threshold;
    private PercentPrefix? _prefix;

    public CompiledFlag(FlagRules rules)
    {
        Rules = rules;
        _users = new HashSet<string>(rules.Users, StringComparer.Ordinal);
        _groups = new HashSet<string>(rules.Groups, StringComparer.Ordinal);
        _languages = new HashSet<string>(rules.Languages, StringComparer.OrdinalIgnoreCase);
        _threshold = PercentRollout.GetThreshold(rules.Percent);
        IsTesting = rules.Testing;
    }

    public FlagRules Rules { get; }

    /// <summary>
    /// Gets a value indicating whether the flag is in testing mode: request overrides apply to it even when they are
    /// not enabled for every toggle.
    /// </summary>
    public bool IsTesting { get; }

    public override string Kind => StoredValueCodec.FlagKind;

    /// <summary>
    /// Returns the first of the context's groups that the rules list, for the explanation of a group match.
    /// </summary>
    public string? FirstMatchingGroup(ToggleContext context)
    {
        foreach (var group in context.Groups)
        {
            if (_groups.Contains(group))
            {
                return group;
            }
        }

        return null;
    }

    public ToggleDecision Decide(string fullName, ToggleContext context)
    {
        var rules = Rules;
        if (rules.Everyone is { } everyone)
        {
            return new(everyone, ToggleReason.Everyone);
        }

        if (rules.Superusers && context.IsSuperuser)
        {
            return new(true, ToggleReason.Superuser);
        }

        if (rules.Staff && context.IsStaff)
        {
            return new(true, ToggleReason.Staff);
        }

        if (rules.Authenticated && context.IsAuthenticated)
        {
            return new(true, ToggleReason.Authenticated);
        }

        if (_languages.Count > 0 && context.Language is { Length: > 0 } language && MatchesLanguage(language))
        {
            return new(true, ToggleReason.Language);
        }

        if (_users.Count > 0 && context.UserId is { } userId && _users.Contains(userId))
        {
            return new(true, ToggleReason.User);
        }

        if (_groups.Count > 0)
        {
            var groups = context.Groups;
            for (var i = 0; i < groups.Count; i++)
            {
                if (_groups.Contains(groups[i]))
                {
                    return new(true, ToggleReason.Group);
                }
            }
        }

        if (_custom is { } custom && MatchesAny(custom, context))
        {
            return new(true, ToggleReason.CustomRule);
        }

        if (_threshold > 0)
        {
            // 100 % means everyone, with or without an id (a background job, a visitor before cookie consent).
            if (_threshold >= PercentRollout.BucketCount
                || (context.StickyId is { } stickyId && PercentRollout.GetBucket(Prefix(fullName), stickyId) < _threshold))
            {
                return new(true, ToggleReason.Percent);
            }
        }

        return new(false, ToggleReason.NoRuleMatched);
    }

    /// <summary>
    /// The hash state after the toggle's name, computed once per compiled rules (the name never changes for a state).
    /// </summary>
    /// <remarks>
    /// Thread safety, by construction: the cache is one reference to an immutable record holding both the name and its
    /// hash state, read and written with volatile semantics. Threads that race on the first evaluation each compute the
    /// same value and one reference wins; a reader never sees a state paired with another name (it checks the name it
    /// got), so the worst case is one hash computed twice, never a wrong bucket.
    /// </remarks>
    private ulong Prefix(string fullName)
    {
        var prefix = Volatile.Read(ref _prefix);
        if (prefix is null || !ReferenceEquals(prefix.FullName, fullName))
        {
            prefix = new PercentPrefix(fullName, PercentRollout.GetPrefixState(fullName));
            Volatile.Write(ref _prefix, prefix);
        }

        return prefix.State;
    }

    private bool MatchesLanguage(string language)
    {
        if (_languages.Contains(language))
        {
            return true;
        }

        var dash = language.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && _languages.GetAlternateLookup<ReadOnlySpan<char>>().Contains(language.AsSpan(0, dash));
    }

    private sealed record PercentPrefix(string FullName, ulong State);
}
