using System.Collections.Concurrent;
using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace FeatureFlags.Testing;

/// <summary>
/// Forces a toggle's value for a test, or for every test of a fixture. The override follows the test's async flow, so
/// tests running in parallel never see each other's values.
/// </summary>
/// <example><code>[OverrideToggle("checkout.new_cart", true)]</code></example>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class OverrideToggleAttribute : NUnitAttribute, ITestAction
{
    private readonly ConcurrentDictionary<string, IDisposable> _active = new(StringComparer.Ordinal);

    /// <summary>
    /// Initializes a new instance of the <see cref="OverrideToggleAttribute"/> class.
    /// </summary>
    /// <param name="toggle">The toggle's full name.</param>
    /// <param name="enabled">The forced value.</param>
    /// <exception cref="ArgumentException"><paramref name="toggle"/> is not a valid toggle name.</exception>
    public OverrideToggleAttribute(string toggle, bool enabled)
    {
        ToggleNames.ValidateFullName(toggle, nameof(toggle));
        Toggle = toggle;
        Enabled = enabled;
    }

    /// <summary>Gets the toggle's full name.</summary>
    public string Toggle { get; }

    /// <summary>Gets the forced value.</summary>
    public bool Enabled { get; }

    /// <summary>
    /// Gets or sets the course key (course flags) or organisation key (organisation flags) the override is limited to.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: every key.</value>
    public string? Subject { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether only the toggle's own stored state is replaced (a flag's rules by "on/off
    /// for everyone", a switch's value), so that stored site, course and organisation overrides still apply, as edx's
    /// <c>override_waffle_flag</c> does. Cannot be combined with <see cref="Subject"/>.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: the value is forced, whatever is stored.</value>
    public bool RulesOnly { get; set; }

    /// <inheritdoc />
    public ActionTargets Targets => ActionTargets.Test;

    /// <inheritdoc />
    public void BeforeTest(ITest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (RulesOnly && Subject is not null)
        {
            throw new InvalidOperationException($"[OverrideToggle(\"{Toggle}\")] sets both RulesOnly and Subject: a rules-only override replaces the flag's own rules for every course and organisation.");
        }

        _active[test.Id] = RulesOnly
            ? ToggleOverride.SetRules(Toggle, new FlagRules { Everyone = Enabled })
            : ToggleOverride.Set(Toggle, Enabled, Subject);
    }

    /// <inheritdoc />
    public void AfterTest(ITest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (_active.TryRemove(test.Id, out var handle))
        {
            handle.Dispose();
        }
    }
}
