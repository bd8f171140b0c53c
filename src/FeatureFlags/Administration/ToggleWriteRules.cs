using FeatureFlags.Storage;

namespace FeatureFlags;

/// <summary>
/// The checks every write passes, whether it comes one key at a time or in a batch: key layout, names and subjects,
/// the value's kind against the declaration, the store's limits, free-text rules and editor roles.
/// </summary>
internal sealed class ToggleWriteRules(IToggleRegistry registry, FeatureTogglesOptions options, ToggleRuleRegistry customRules)
{
    /// <summary>The longest actor name accepted, in characters.</summary>
    public const int MaxActorLength = 200;

    /// <summary>Returns whether <paramref name="actor"/> may change <paramref name="declared"/> (one of its editor roles, if it declares any).</summary>
    public static bool MayEdit(Toggle declared, ToggleActor actor)
    {
        var roles = declared.Metadata.EditorRoles;
        return roles.Count == 0 || roles.Any(actor.Roles.Contains);
    }

    /// <summary>Returns why <paramref name="declared"/> cannot take an override at <paramref name="level"/>, or <see langword="null"/>.</summary>
    public static string? UnsupportedOverride(Toggle declared, OverrideLevel level) => (level, declared) switch
    {
        (OverrideLevel.Site, _) => null,
        (OverrideLevel.Course, CourseFlag) => null,
        (OverrideLevel.Organization, CourseFlag or OrgFlag) => null,
        (OverrideLevel.Course, _) => "course overrides apply to course flags only",
        _ => "organisation overrides apply to course and organisation flags only",
    };

    /// <summary>Returns the subject as it is stored: site keys normalised, other subjects unchanged.</summary>
    /// <exception cref="ArgumentException">The subject is empty or, for a site, not a valid host name.</exception>
    public static string NormalizeSubject(OverrideLevel level, string subject)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        return level == OverrideLevel.Site ? ToggleKeys.NormalizeSite(subject) : subject;
    }

    /// <summary>Checks the actor's name and the reason for the audit.</summary>
    /// <exception cref="ArgumentException">One of them breaks a rule; the message names it.</exception>
    public void ValidateActorAndReason(ToggleActor actor, string? reason)
    {
        if (actor.Name.Length > MaxActorLength)
        {
            throw new ArgumentException($"The actor's name is {actor.Name.Length} characters long; at most {MaxActorLength} are allowed.", nameof(actor));
        }

        if (TextRules.FindUnsafe(actor.Name) is { } c)
        {
            throw new ArgumentException($"The actor's name '{TextRules.Escape(actor.Name)}' contains {TextRules.Describe(c)}.", nameof(actor));
        }

        TextRules.ValidateReason(reason, options.MaxReasonLength);
    }

    /// <summary>
    /// Checks each write of a batch and returns every problem found (errors stop the batch; warnings do not).
    /// </summary>
    public List<ToggleImportProblem> Check(IReadOnlyList<ToggleStoreWrite> writes, ToggleActor actor)
    {
        var problems = new List<ToggleImportProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var organizations = new HashSet<(string Toggle, string Organization)>(new OrganizationKeyComparer(options.OrganizationComparer));
        foreach (var write in writes)
        {
            if (write is null)
            {
                problems.Add(Error("(null)", "A write is missing.", ToggleErrorCode.InvalidRequest));
                continue;
            }

            if (!seen.Add(write.Key))
            {
                problems.Add(Error(write.Key, "The key appears twice.", ToggleErrorCode.InvalidRequest));
                continue;
            }

            if (CheckOne(write, actor) is { } problem)
            {
                problems.Add(problem);
            }
            else if (write.Value is not null && ToggleKeys.TryParse(write.Key, out var fullName, out var level, out var subject)
                && level == OverrideLevel.Organization && !organizations.Add((fullName, subject!)))
            {
                problems.Add(Error(write.Key, $"Organisation '{subject}' of '{fullName}' appears twice under the organisation comparer (organisations compare {Describe(options.OrganizationComparer)}).", ToggleErrorCode.InvalidRequest));
            }
        }

        return problems;
    }

    private ToggleImportProblem? CheckOne(ToggleStoreWrite write, ToggleActor actor)
    {
        var key = write.Key ?? string.Empty;
        try
        {
            ToggleKeys.ValidateKey(key);
            if (write.Value is not null)
            {
                ToggleKeys.ValidateValue(key, write.Value);
            }
        }
        catch (ArgumentException ex)
        {
            return Error(key, ToggleErrors.Message(ex), ToggleErrorCode.InvalidRequest);
        }

        if (write.ExpectedVersion < 0)
        {
            return Error(key, "The expected version must not be negative.", ToggleErrorCode.InvalidRequest);
        }

        if (!ToggleKeys.TryParse(key, out var fullName, out var level, out var subject))
        {
            return Error(key, "Not a toggle key (expected 'namespace.name' or 'namespace.name/{site|course|org}/{subject}').", ToggleErrorCode.InvalidRequest);
        }

        if (level is { } overrideLevel)
        {
            try
            {
                ToggleKeys.ValidateSubject(subject!, nameof(subject));
                var normal = NormalizeSubject(overrideLevel, subject!);
                if (!string.Equals(normal, subject, StringComparison.Ordinal))
                {
                    return Error(key, $"Site keys are stored normalised; use '{ToggleKeys.ForOverride(fullName, overrideLevel, normal)}'.", ToggleErrorCode.InvalidRequest);
                }
            }
            catch (ArgumentException ex)
            {
                return Error(key, ToggleErrors.Message(ex), ToggleErrorCode.InvalidRequest);
            }
        }

        StoredRules? stored = null;
        if (write.Value is not null)
        {
            try
            {
                if (level is null)
                {
                    stored = StoredValueCodec.DecodeRules(write.Value);
                    PrerequisiteRules.Validate(fullName, stored.Requires);
                    if (stored is StoredFlag flag && CheckCustomRules(fullName, flag.Rules) is { } refused)
                    {
                        return Error(key, $"Invalid value: {refused}.", ToggleErrorCode.InvalidRequest);
                    }
                }
                else
                {
                    StoredValueCodec.DecodeOverride(write.Value);
                }
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                return Error(key, $"Invalid value: {ex.Message}", ToggleErrorCode.InvalidRequest);
            }
        }

        if (!registry.TryGet(fullName, out var declared))
        {
            return new ToggleImportProblem(key, ToggleLintSeverity.Warning, $"'{fullName}' is not declared in this application; written as stored state.");
        }

        if (declared is SettingToggle && level is null && write.Value is not null)
        {
            return Error(key, $"'{fullName}' is a setting toggle: its value comes from configuration and cannot be stored.", ToggleErrorCode.InvalidRequest);
        }

        if (level is { } l && write.Value is not null && UnsupportedOverride(declared, l) is { } unsupported)
        {
            return Error(key, $"Cannot set this override of '{fullName}': {unsupported} (declared as {declared.Kind}).", ToggleErrorCode.InvalidRequest);
        }

        if (stored is not null && stored.Kind != ExpectedKind(declared))
        {
            return Error(key, $"The value is a {stored.Kind}, but '{fullName}' is declared as a {declared.Kind}.", ToggleErrorCode.InvalidRequest);
        }

        if (!MayEdit(declared, actor))
        {
            return Error(key, $"'{actor.Name}' may not change '{fullName}': it requires one of the roles [{string.Join(", ", declared.Metadata.EditorRoles)}].", ToggleErrorCode.AccessDenied);
        }

        if (level is null && DeniedByLinks(declared, stored?.Requires ?? [], actor) is { } denied)
        {
            return Error(key, denied, ToggleErrorCode.AccessDenied);
        }

        return null;
    }

    /// <summary>
    /// Returns why the flag's custom rules cannot be stored (a rule not registered here, or one that refuses its
    /// parameters, in the rule's own words), or <see langword="null"/>.
    /// </summary>
    public string? CheckCustomRules(string toggle, FlagRules rules)
        => rules.CustomRules.Count == 0 ? null : customRules.Check(toggle, rules.CustomRules);

    /// <summary>
    /// Returns why the actor may not write a toggle's own state because of what it reaches: flipping a release group
    /// answers for every member, so it needs each member's editor roles; naming a prerequisite gives its dependants a say
    /// over it (its state cannot be deleted while they require it), so it needs the prerequisite's editor roles.
    /// </summary>
    public string? DeniedByLinks(Toggle declared, IReadOnlyList<TogglePrerequisite> requires, ToggleActor actor)
    {
        if (declared is ToggleGroup group)
        {
            var guarded = registry.Toggles.Where(t => string.Equals(t.GroupFullName, group.FullName, StringComparison.Ordinal) && !MayEdit(t, actor)).Select(t => t.FullName).ToList();
            return guarded.Count == 0 ? null
                : $"'{actor.Name}' may not switch group '{group.FullName}': it answers for {string.Join(", ", guarded.Select(g => $"'{g}'"))}, whose editor roles the actor lacks.";
        }

        foreach (var prerequisite in requires)
        {
            if (registry.TryGet(prerequisite.Toggle, out var required) && !MayEdit(required, actor))
            {
                return $"'{actor.Name}' may not make '{declared.FullName}' require '{required.FullName}': that needs one of its editor roles [{string.Join(", ", required.Metadata.EditorRoles)}].";
            }
        }

        return null;
    }

    public static string? ExpectedKind(Toggle declared) => declared switch
    {
        Switch => StoredValueCodec.SwitchKind,
        Flag => StoredValueCodec.FlagKind,
        ToggleGroup => StoredValueCodec.GroupKind,
        _ => null,
    };

    private static ToggleImportProblem Error(string key, string message, ToggleErrorCode code)
        => new(key, ToggleLintSeverity.Error, message, code);

    private static string Describe(StringComparer comparer)
        => ReferenceEquals(comparer, StringComparer.OrdinalIgnoreCase) ? "ignoring case"
            : ReferenceEquals(comparer, StringComparer.Ordinal) ? "exactly" : "with a custom comparer";

    private sealed class OrganizationKeyComparer(StringComparer organizations) : IEqualityComparer<(string Toggle, string Organization)>
    {
        public bool Equals((string Toggle, string Organization) x, (string Toggle, string Organization) y)
            => string.Equals(x.Toggle, y.Toggle, StringComparison.Ordinal) && organizations.Equals(x.Organization, y.Organization);

        public int GetHashCode((string Toggle, string Organization) obj)
            => HashCode.Combine(StringComparer.Ordinal.GetHashCode(obj.Toggle), organizations.GetHashCode(obj.Organization));
    }
}
