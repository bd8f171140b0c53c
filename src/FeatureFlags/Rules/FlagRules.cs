namespace FeatureFlags;

/// <summary>
/// The stored rules of a <see cref="Flag"/>, with django-waffle's semantics: <see cref="Everyone"/> decides alone when set;
/// otherwise the flag is on for a context that matches any rule below it, and off when none matches.
/// </summary>
public sealed record FlagRules
{
    /// <summary>
    /// The finest step of <see cref="Percent"/>: 0.001 %, one bucket of 100,000.
    /// </summary>
    public const decimal PercentStep = 0.001m;

    /// <summary>
    /// The longest name of a custom rule, in characters.
    /// </summary>
    public const int MaxCustomRuleNameLength = 64;

    /// <summary>
    /// Gets a value that, when set, turns the flag on (<see langword="true"/>) or off (<see langword="false"/>) for everyone,
    /// ignoring every other rule. <see langword="null"/> leaves the decision to the other rules.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public bool? Everyone { get; init; }

    /// <summary>
    /// Gets the percentage of users, from 0 to 100 in steps of 0.001, for whom the flag is on.
    /// A user's membership is sticky: it depends only on the flag's full name and the user's id (or anonymous id),
    /// and raising the percentage never turns the flag off for anyone already in.
    /// </summary>
    /// <value>The default value is 0.</value>
    public decimal Percent { get; init; }

    /// <summary>
    /// Gets a value indicating whether request overrides may turn this flag on or off even while
    /// <see cref="FeatureTogglesOptions.EnableRequestOverrides"/> is off (django-waffle's testing mode), so one flag can
    /// be tested in an environment without opening every toggle to overrides. The ASP.NET Core integration still refuses
    /// them in Production unless explicitly allowed.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Testing { get; init; }

    /// <summary>
    /// Gets a value indicating whether the flag is on for superusers.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Superusers { get; init; }

    /// <summary>
    /// Gets a value indicating whether the flag is on for staff.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Staff { get; init; }

    /// <summary>
    /// Gets a value indicating whether the flag is on for every authenticated user.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Authenticated { get; init; }

    /// <summary>
    /// Gets the user ids for whom the flag is on (ordinal comparison).
    /// </summary>
    /// <value>The default value is an empty list.</value>
    public IReadOnlyList<string> Users { get; init; } = [];

    /// <summary>
    /// Gets the groups whose members see the flag on (ordinal comparison).
    /// </summary>
    /// <value>The default value is an empty list.</value>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>
    /// Gets the languages (such as <c>fr</c> or <c>pt-BR</c>) for which the flag is on. A language also matches its regional
    /// variants: <c>fr</c> matches <c>fr-CA</c>. Case-insensitive.
    /// </summary>
    /// <value>The default value is an empty list.</value>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>
    /// Gets the custom rules (registered with <see cref="FeatureTogglesBuilder.AddToggleRule{TRule}(string)"/>) for whose
    /// matching contexts the flag is on. They are checked after superusers, staff, authenticated users, languages, users
    /// and groups, and before <see cref="Percent"/>; a rule that is not registered, refuses its parameters or throws
    /// never matches.
    /// </summary>
    /// <value>The default value is an empty list.</value>
    public IReadOnlyList<CustomRule> CustomRules { get; init; } = [];

    /// <summary>
    /// Checks the rules and throws one exception listing every problem.
    /// </summary>
    /// <exception cref="ArgumentException">A percentage is out of range or too fine, a list holds an empty entry, or a custom
    /// rule's name is not a valid rule name (lower-case letters, digits and '_', starting with a letter).</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (Percent is < 0 or > 100)
        {
            problems.Add($"percent {Percent} is outside 0..100");
        }
        else if (decimal.Round(Percent, 3) != Percent)
        {
            problems.Add($"percent {Percent} is finer than the 0.001 step");
        }

        CheckList(Users, "users", problems);
        CheckList(Groups, "groups", problems);
        CheckList(Languages, "languages", problems);
        CheckCustomRules(CustomRules, problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid flag rules: " + string.Join("; ", problems) + ".");
        }
    }

    /// <summary>
    /// Gets a value indicating whether no rule is stated: everyone unset, no percentage, no users, groups, languages,
    /// staff, superusers, authenticated users, custom rules or testing mode. Such rules leave the flag off for everyone without
    /// saying so, which is usually a mistake in the request that produced them.
    /// </summary>
    public bool IsEmpty => Everyone is null && Percent == 0 && !Testing && !Superusers && !Staff && !Authenticated
        && Users is not { Count: > 0 } && Groups is not { Count: > 0 } && Languages is not { Count: > 0 } && CustomRules is not { Count: > 0 };

    /// <summary>
    /// Gets a value indicating whether rules that match nobody (<see cref="IsEmpty"/>) are meant: the flag then answers
    /// off by "no rule matched". Writes of empty rules without it are refused as a likely mistake on every surface (turn a
    /// flag off for everyone with <see cref="Everyone"/> <see langword="false"/>; return to the code default by deleting
    /// its stored state). It is stored with the rules, so an export, an import and a revert carry it.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool MatchNobody { get; init; }

    /// <summary>
    /// Returns a one-line readable summary such as <c>everyone: unset; percent: 25; groups: beta</c>.
    /// </summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        if (Everyone is { } everyone)
        {
            return everyone ? "everyone: on" : "everyone: off";
        }

        var parts = new List<string> { "everyone: unset" };
        if (Percent > 0)
        {
            parts.Add($"percent: {Percent.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        if (Superusers)
        {
            parts.Add("superusers");
        }

        if (Staff)
        {
            parts.Add("staff");
        }

        if (Authenticated)
        {
            parts.Add("authenticated");
        }

        if (Users.Count > 0)
        {
            parts.Add("users: " + string.Join(',', Users));
        }

        if (Groups.Count > 0)
        {
            parts.Add("groups: " + string.Join(',', Groups));
        }

        if (Languages.Count > 0)
        {
            parts.Add("languages: " + string.Join(',', Languages));
        }

        if (CustomRules.Count > 0)
        {
            parts.Add("rules: " + string.Join(", ", CustomRules));
        }

        if (Testing)
        {
            parts.Add("testing");
        }

        return string.Join("; ", parts);
    }

    private static void CheckCustomRules(IReadOnlyList<CustomRule>? rules, List<string> problems)
    {
        if (rules is null)
        {
            problems.Add("custom rules must not be null");
            return;
        }

        foreach (var rule in rules)
        {
            if (rule is null)
            {
                problems.Add("custom rules must not contain empty entries");
            }
            else if (rule.Name is null || rule.Name.Length > MaxCustomRuleNameLength || !ToggleNameRules.IsValidSegment(rule.Name))
            {
                problems.Add($"custom rule name '{TextRules.Escape(rule.Name ?? string.Empty)}' is not valid (lower-case letters, digits and '_', starting with a letter, at most {MaxCustomRuleNameLength} characters)");
            }
        }
    }

    private static void CheckList(IReadOnlyList<string>? values, string name, List<string> problems)
    {
        if (values is null)
        {
            problems.Add($"{name} must not be null");
            return;
        }

        foreach (var value in values)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{name} must not contain empty entries");
                return;
            }

            if (TextRules.FindUnsafe(value) is { } c)
            {
                problems.Add($"{name} entry '{TextRules.Escape(value)}' contains {TextRules.Describe(c)}");
                return;
            }

            if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
            {
                problems.Add($"{name} entry '{TextRules.Escape(value)}' starts or ends with white space, so it would never match");
                return;
            }
        }
    }
}
