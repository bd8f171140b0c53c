using FeatureFlags.Storage;

namespace FeatureFlags;

/// <summary>
/// The checks every write passes, whether it comes one key at a time or in a batch: key layout, names and subjects,
/// the value's kind against the declaration, the store's limits, free-text rules and editor roles.
/// </summary>
internal sealed class ToggleWriteRules(IToggleRegistry registry, FeatureTogglesOptions options, ToggleRuleRegistry customRules, TimeProvider time)
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
        (OverrideLevel.Site, ToggleGroup) => "a release group answers on or off for all its members; override the members instead",
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
    public List<ToggleImportProblem> Check(IReadOnlyList<ToggleStoreWrite> writes, ToggleActor actor, IReadOnlyDictionary<string, string>? current = null)
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

            if (CheckOne(write, actor, current?.GetValueOrDefault(write.Key)) is { } problem)
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

    private ToggleImportProblem? CheckOne(ToggleStoreWrite write, ToggleActor actor, string? current)
        => Refusal(write, actor, current) is { } refusal
            ? new ToggleImportProblem(write.Key ?? string.Empty, ToggleLintSeverity.Error, refusal.Message, refusal.Code)
            : registry.TryGet(ToggleKeys.TryParse(write.Key ?? string.Empty, out var name, out _, out _) ? name : string.Empty, out _)
                ? null
                : new ToggleImportProblem(write.Key ?? string.Empty, ToggleLintSeverity.Warning, $"'{name}' is not declared in this application; written as stored state.");

    /// <summary>
    /// Checks one write in the pipeline's order: key layout and subject, the value's form (decoded once), editor roles of
    /// the toggle and of everything the value names, then the kind and the rules of the value. Returns the refusal (not
    /// thrown), or <see langword="null"/>. <paramref name="current"/> is the value stored now, if any: what the write
    /// keeps of it (a prerequisite already named, a schedule already stored) is not held against it.
    /// </summary>
    public ToggleException? Refusal(ToggleStoreWrite write, ToggleActor actor, string? current = null)
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
            return Invalid(key, ToggleErrors.Message(ex));
        }

        if (write.ExpectedVersion < 0)
        {
            return Invalid(key, "The expected version must not be negative.");
        }

        if (!ToggleKeys.TryParse(key, out var fullName, out var level, out var subject))
        {
            return Invalid(key, "Not a toggle key (expected 'namespace.name' or 'namespace.name/{site|course|org}/{subject}').");
        }

        if (level is { } overrideLevel && SubjectProblem(fullName, overrideLevel, subject!) is { } subjectProblem)
        {
            return Invalid(key, subjectProblem);
        }

        // Decoded once; every rule below reads the stored model.
        StoredRules? stored = null;
        StoredOverride? storedOverride = null;
        if (write.Value is not null)
        {
            try
            {
                if (level is null)
                {
                    stored = StoredValueCodec.DecodeRules(write.Value);
                }
                else
                {
                    storedOverride = StoredValueCodec.DecodeOverride(write.Value);
                }
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                return Invalid(key, $"Invalid value: {ToggleErrors.Message(ex)}");
            }
        }

        registry.TryGet(fullName, out var declared);
        var existingRules = level is null ? StoredValueCodec.TryDecodeRules(current) : null;
        var existingSchedule = level is null ? existingRules?.Schedule : TryDecodeOverride(current)?.Schedule;

        // Prerequisites the stored value already names were agreed to by whoever added them; only new ones need their roles.
        var added = stored is null ? [] : stored.Requires
            .Where(p => existingRules?.Requires.Any(e => string.Equals(e.Toggle, p.Toggle, StringComparison.Ordinal)) != true)
            .ToList();

        // Least privilege comes before anything that describes the toggle: a caller without the role learns nothing more.
        if (declared is not null)
        {
            if (!MayEdit(declared, actor))
            {
                return new ToggleAccessDeniedException(fullName, actor.Name, declared.Metadata.EditorRoles, $"'{actor.Name}' may not change '{fullName}': it requires one of the roles [{string.Join(", ", declared.Metadata.EditorRoles)}].");
            }

            // A group answers for its members whether it is switched, unset or deleted.
            if (level is null && (write.Value is not null || declared is ToggleGroup) && DeniedByLinks(declared, added, actor) is { } denied)
            {
                return denied;
            }
        }
        else if (DeniedByPrerequisites(fullName, added, actor) is { } denied)
        {
            return denied;
        }

        if (write.Value is null)
        {
            return null;
        }

        if (declared is SettingToggle && level is null)
        {
            return Invalid(key, $"'{fullName}' is a setting toggle: its value comes from configuration and cannot be stored.");
        }

        if (declared is not null && level is { } l && UnsupportedOverride(declared, l) is { } unsupported)
        {
            return Invalid(key, $"Cannot set this override of '{fullName}': {unsupported} (declared as {declared.Kind}).");
        }

        if (declared is not null && stored is not null && stored.Kind != ExpectedKind(declared))
        {
            return Invalid(key, $"'{fullName}' is declared as a {declared.Kind}, so a {stored.Kind} value cannot be stored for it.");
        }

        var schedule = stored?.Schedule ?? storedOverride?.Schedule;
        if (schedule?.ActiveUntil is { } until && until <= time.GetUtcNow() && schedule != existingSchedule)
        {
            return Invalid(key, $"The schedule ended at {ToggleSchedule.Format(until)}, before now, so the value would never answer. Check the date, or clear the value instead.");
        }

        if (stored is StoredFlag flag)
        {
            if (flag.Rules.IsEmpty && !flag.Rules.MatchNobody)
            {
                return Invalid(key, $"These rules of '{fullName}' match nobody: the flag would be off for everyone. To turn it off for everyone say so (everyone off); to return to the code default, delete its stored state; to store rules that match nobody on purpose, mark them (MatchNobody; \"clear\": true over HTTP).");
            }

            try
            {
                flag.Rules.Validate();
            }
            catch (ArgumentException ex)
            {
                return Invalid(key, $"Invalid flag rules: {ToggleErrors.Message(ex)}");
            }

            foreach (var (list, what) in new[] { (flag.Rules.Users, "user"), (flag.Rules.Groups, "group"), (flag.Rules.Languages, "language") })
            {
                foreach (var entry in list)
                {
                    if (TextRules.FindInvisible(entry) is { } invisible)
                    {
                        return Invalid(key, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The {what} '{TextRules.Escape(entry)}' of '{fullName}' holds the invisible character U+{invisible.Value:X4}, so it would never match what callers pass."));
                    }
                }
            }

            if (CheckCustomRules(fullName, flag.Rules) is { } refused)
            {
                return Invalid(key, $"Invalid flag rules: {refused}.");
            }
        }

        return null;
    }

    private static StoredOverride? TryDecodeOverride(string? value)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return StoredValueCodec.DecodeOverride(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Returns why a subject cannot be stored, or <see langword="null"/>: sites must be in their normal form; course keys
    /// and organisations must not start or end with white space or hold invisible formatting characters (such a key is
    /// stored but never matches what callers pass).
    /// </summary>
    private static string? SubjectProblem(string fullName, OverrideLevel level, string subject)
    {
        try
        {
            ToggleKeys.ValidateSubject(subject, nameof(subject));
            if (level == OverrideLevel.Site)
            {
                var normal = ToggleKeys.NormalizeSite(subject);
                return string.Equals(normal, subject, StringComparison.Ordinal) ? null
                    : $"Site keys are stored normalised; use '{ToggleKeys.ForOverride(fullName, level, normal)}'.";
            }
        }
        catch (ArgumentException ex)
        {
            return ToggleErrors.Message(ex);
        }

        if (subject.Length > 0 && (char.IsWhiteSpace(subject[0]) || char.IsWhiteSpace(subject[^1])))
        {
            return $"The {LevelWord(level)} '{TextRules.Escape(subject)}' starts or ends with white space; callers never pass it so, so it would never match.";
        }

        if (TextRules.FindInvisible(subject) is { } invisible)
        {
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The {LevelWord(level)} '{TextRules.Escape(subject)}' holds the invisible character U+{invisible.Value:X4}, so it would never match what callers pass.");
        }

        return null;
    }

    private static string LevelWord(OverrideLevel level) => level switch
    {
        OverrideLevel.Course => "course key",
        OverrideLevel.Organization => "organisation",
        _ => "site",
    };

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
    public ToggleAccessDeniedException? DeniedByLinks(Toggle declared, IReadOnlyList<TogglePrerequisite> requires, ToggleActor actor)
    {
        if (declared is ToggleGroup group)
        {
            var guarded = registry.Toggles.Where(t => string.Equals(t.GroupFullName, group.FullName, StringComparison.Ordinal) && !MayEdit(t, actor)).ToList();
            return guarded.Count == 0 ? null
                : new ToggleAccessDeniedException(
                    group.FullName,
                    actor.Name,
                    [.. guarded.SelectMany(t => t.Metadata.EditorRoles).Distinct(StringComparer.Ordinal)],
                    $"'{actor.Name}' may not switch group '{group.FullName}': it answers for {string.Join(", ", guarded.Select(g => $"'{g.FullName}'"))}, whose editor roles the actor lacks.");
        }

        return DeniedByPrerequisites(declared.FullName, requires, actor);
    }

    private ToggleAccessDeniedException? DeniedByPrerequisites(string toggle, IReadOnlyList<TogglePrerequisite> requires, ToggleActor actor)
    {
        foreach (var prerequisite in requires)
        {
            if (registry.TryGet(prerequisite.Toggle, out var required) && !MayEdit(required, actor))
            {
                return new ToggleAccessDeniedException(
                    required.FullName,
                    actor.Name,
                    required.Metadata.EditorRoles,
                    $"'{actor.Name}' may not make '{toggle}' require '{required.FullName}': that needs one of its editor roles [{string.Join(", ", required.Metadata.EditorRoles)}].");
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

    private static ToggleException Invalid(string key, string message) => new(ToggleErrorCode.InvalidRequest, message, key);

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
