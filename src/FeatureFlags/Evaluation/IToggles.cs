namespace FeatureFlags;

/// <summary>
/// Evaluates toggles. Evaluation reads memory only, never throws because of the store, and allocates nothing for
/// warmed toggles. Register it with <c>services.AddFeatureToggles()</c>.
/// </summary>
/// <remarks>
/// The first layer that answers wins, in the order of the README's precedence table (README.md, "Precedence"), which
/// is the contract: from override scopes down to the code default. <see cref="Explain(Toggle, ToggleContext?)"/> names
/// the layer that answered (<see cref="ToggleExplanation.Reason"/>).
/// </remarks>
public interface IToggles
{
    /// <summary>
    /// Returns whether a toggle is on in the current context: the open <see cref="ToggleScope"/>'s, else the
    /// <see cref="IToggleContextAccessor"/>'s, else anonymous.
    /// </summary>
    /// <param name="toggle">The toggle.</param>
    /// <returns><see langword="true"/> when the toggle is on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="toggle"/> is <see langword="null"/>.</exception>
    bool IsEnabled(Toggle toggle);

    /// <summary>
    /// Returns whether a toggle is on for a given context, for example in a background job acting for a user.
    /// </summary>
    /// <param name="toggle">The toggle.</param>
    /// <param name="context">The context to evaluate for.</param>
    /// <returns><see langword="true"/> when the toggle is on.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    bool IsEnabled(Toggle toggle, ToggleContext context);

    /// <summary>
    /// Returns whether a course flag is on for a course in the current context.
    /// </summary>
    /// <param name="flag">The course flag.</param>
    /// <param name="courseKey">The course key, such as <c>course-v1:Org+Course+Run</c>.</param>
    /// <returns><see langword="true"/> when the flag is on for the course.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    bool IsEnabled(CourseFlag flag, string courseKey);

    /// <summary>
    /// Returns whether an organisation flag is on for an organisation in the current context.
    /// </summary>
    /// <param name="flag">The organisation flag.</param>
    /// <param name="organization">The organisation key.</param>
    /// <returns><see langword="true"/> when the flag is on for the organisation.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    bool IsEnabled(OrgFlag flag, string organization);

    /// <summary>
    /// Returns a toggle's value in the current context and the rule that decided it.
    /// </summary>
    /// <param name="toggle">The toggle.</param>
    /// <param name="context">The context to evaluate for, or <see langword="null"/> for the current one.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="toggle"/> is <see langword="null"/>.</exception>
    ToggleExplanation Explain(Toggle toggle, ToggleContext? context = null);

    /// <summary>
    /// Returns a course flag's value for a course and the rule that decided it.
    /// </summary>
    /// <param name="flag">The course flag.</param>
    /// <param name="courseKey">The course key.</param>
    /// <param name="context">The context to evaluate for, or <see langword="null"/> for the current one.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    ToggleExplanation Explain(CourseFlag flag, string courseKey, ToggleContext? context = null);

    /// <summary>
    /// Returns an organisation flag's value for an organisation and the rule that decided it.
    /// </summary>
    /// <param name="flag">The organisation flag.</param>
    /// <param name="organization">The organisation key.</param>
    /// <param name="context">The context to evaluate for, or <see langword="null"/> for the current one.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    ToggleExplanation Explain(OrgFlag flag, string organization, ToggleContext? context = null);

    /// <summary>
    /// Opens a scope (a request, a job) that evaluates with <paramref name="context"/> and answers each toggle and key
    /// once, consistently, for its whole life. It flows with async calls; dispose it to close it.
    /// </summary>
    /// <param name="context">The scope's context; <see langword="null"/> for the accessor's current context or anonymous.</param>
    /// <returns>The scope.</returns>
    ToggleScope BeginScope(ToggleContext? context = null);

    /// <summary>
    /// Forces a toggle's value for the current async flow until the returned handle is disposed. Overrides win over
    /// everything else and never leak into flows running in parallel, such as other tests.
    /// </summary>
    /// <param name="toggle">The toggle.</param>
    /// <param name="enabled">The forced value.</param>
    /// <returns>A handle that removes the override when disposed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="toggle"/> is <see langword="null"/>.</exception>
    IDisposable Override(Toggle toggle, bool enabled);

    /// <summary>
    /// Forces a course flag's value for one course for the current async flow until the handle is disposed.
    /// </summary>
    /// <param name="flag">The course flag.</param>
    /// <param name="courseKey">The course key.</param>
    /// <param name="enabled">The forced value.</param>
    /// <returns>A handle that removes the override when disposed.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    IDisposable Override(CourseFlag flag, string courseKey, bool enabled);

    /// <summary>
    /// Forces an organisation flag's value for one organisation for the current async flow until the handle is disposed.
    /// </summary>
    /// <param name="flag">The organisation flag.</param>
    /// <param name="organization">The organisation key.</param>
    /// <param name="enabled">The forced value.</param>
    /// <returns>A handle that removes the override when disposed.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    IDisposable Override(OrgFlag flag, string organization, bool enabled);

    /// <summary>
    /// Replaces only the flag's own stored rules until the returned handle is disposed, on this asynchronous flow:
    /// site, course and organisation overrides, release groups and prerequisites still apply, as edx's
    /// <c>override_waffle_flag</c> does. Use it to test "the flag is on, but this course opted out".
    /// </summary>
    /// <param name="flag">The flag (or course or organisation flag).</param>
    /// <param name="rules">The rules to use instead of the stored ones, e.g. <c>new FlagRules { Everyone = true }</c>.</param>
    /// <returns>A handle that restores the previous state when disposed.</returns>
    /// <exception cref="ArgumentException">The rules are invalid.</exception>
    IDisposable Override(Flag flag, FlagRules rules);
}
