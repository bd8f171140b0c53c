using FeatureFlags.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FeatureFlags.Testing;

/// <summary>
/// Toggle services on an in-memory store, ready in one line, for unit tests that need real evaluation without setting up
/// dependency injection. Dispose it at the end of the test.
/// </summary>
/// <example>
/// <code>
/// using var fixture = new TogglesFixture(CheckoutToggles.NewCart);
/// await fixture.SetAsync(CheckoutToggles.NewCart, true);
/// Assert.That(fixture.Toggles.IsEnabled(CheckoutToggles.NewCart), Is.True);
/// </code>
/// </example>
public sealed class TogglesFixture : IDisposable
{
    private static readonly ToggleActor TestActor = new("test");
    private readonly ServiceProvider _provider;

    /// <summary>
    /// Initializes a new instance of the <see cref="TogglesFixture"/> class.
    /// </summary>
    /// <param name="toggles">The toggles to declare.</param>
    public TogglesFixture(params Toggle[] toggles)
    {
        ArgumentNullException.ThrowIfNull(toggles);
        var services = new ServiceCollection();
        services.AddFeatureToggles().AddToggles(toggles).UseInMemoryStore();
        _provider = services.BuildServiceProvider();
        Toggles = _provider.GetRequiredService<IToggles>();
        Admin = _provider.GetRequiredService<IToggleAdmin>();
        Store = _provider.GetRequiredService<IToggleStore>();
    }

    /// <summary>Gets the evaluation service.</summary>
    public IToggles Toggles { get; }

    /// <summary>Gets the admin service, for arranging stored state.</summary>
    public IToggleAdmin Admin { get; }

    /// <summary>Gets the in-memory store.</summary>
    public IToggleStore Store { get; }

    /// <summary>
    /// Stores a switch's value, as an operator would.
    /// </summary>
    /// <param name="toggle">The switch.</param>
    /// <param name="enabled">The value.</param>
    /// <returns>A task that completes when stored.</returns>
    public async Task SetAsync(Switch toggle, bool enabled) => await Admin.SetAsync(toggle, enabled, TestActor).ConfigureAwait(false);

    /// <summary>
    /// Stores a flag's rules, as an operator would.
    /// </summary>
    /// <param name="flag">The flag.</param>
    /// <param name="rules">The rules.</param>
    /// <returns>A task that completes when stored.</returns>
    public async Task SetAsync(Flag flag, FlagRules rules) => await Admin.SetAsync(flag, rules, TestActor).ConfigureAwait(false);

    /// <inheritdoc />
    public void Dispose() => _provider.Dispose();
}
